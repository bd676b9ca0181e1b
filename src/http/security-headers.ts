import type { Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/** A header helmet sets (name and value), or one it removes (value null). */
export type SecurityHeader = readonly [name: string, value: string | null];

/**
 * The security headers of every answer (helmet), recorded once. The Content-Security-Policy suits the web
 * console and the `/docs` page: scripts only from files of this origin (neither page has an inline script),
 * styles from this origin plus inline styles (Swagger UI injects style elements), images also as `data:` URLs,
 * no plug-ins, and no framing by anyone (`frame-ancestors 'none'`, clickjacking). The console previews a case's
 * PDFs and images from object URLs of content it fetched itself (`blob:`, in an `img` or a frame); nothing
 * else may be framed. Forms post to this origin and to `formTargets` (the identity provider, for the sign-out
 * that ends there). Nothing here depends on the request, so helmet runs once, on a recording response, and
 * its headers are replayed: helmet would otherwise build the same CSP string for every request.
 */
export function securityHeaderList(formTargets: readonly string[] = []): readonly SecurityHeader[] {
  const recorded: SecurityHeader[] = [];
  const recorder = {
    setHeader: (name: string, value: unknown) => recorded.push([name, String(value)]),
    removeHeader: (name: string) => recorded.push([name, null]),
  };
  let done = false;
  helmet({
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
  })({} as Request, recorder as unknown as Response, (error?: unknown) => {
    if (error) throw error;
    done = true;
  });
  // Recording is only faithful while helmet answers at once and asks nothing of the request.
  if (!done) throw new Error('helmet did not set its headers synchronously');
  return recorded;
}

/** Sets the security headers ({@link securityHeaderList}) on every answer. */
export function securityHeaders(formTargets: readonly string[] = []): RequestHandler {
  const headers = securityHeaderList(formTargets);
  return (_req, res, next) => {
    for (const [name, value] of headers) {
      if (value === null) res.removeHeader(name);
      else res.setHeader(name, value);
    }
    next();
  };
}
