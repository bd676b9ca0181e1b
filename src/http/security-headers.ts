import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Security headers on every answer (helmet). The Content-Security-Policy suits the web console and the
 * `/docs` page: scripts only from files of this origin (neither page has an inline script), styles from
 * this origin plus inline styles (Swagger UI injects style elements), images also as `data:` URLs, no plug-ins, and no
 * framing by anyone (`frame-ancestors 'none'`, clickjacking). The console previews a case's PDFs and images from
 * object URLs of content it fetched itself (`blob:`, in an `img` or a frame); nothing else may be framed. Forms
 * post to this origin and to `formTargets` (the identity provider, for the sign-out that ends there).
 */
export function securityHeaders(formTargets: readonly string[] = []): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        // Plus the identity provider's origin, where signing out ends (`formTargets`).
        formAction: ["'self'", ...formTargets],
        frameAncestors: ["'none'"],
        frameSrc: ['blob:'],
        imgSrc: ["'self'", 'data:', 'blob:'],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        // No upgrade-insecure-requests: on an intranet the service is often reached over plain HTTP.
      },
    },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // HSTS belongs to whoever terminates TLS (the reverse proxy), which knows the domain's other hosts.
    strictTransportSecurity: false,
  });
}
