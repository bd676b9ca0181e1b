import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { TokenVerifier } from '../auth/tokens.ts';
import type { Prometheus } from '../metrics/prometheus.ts';
import { UNMATCHED } from './prometheus.ts';
import type { RateLimits } from './rate-limits.ts';
import { logRequest } from './request-log.ts';
import type { SecurityHeader } from './security-headers.ts';

/** What the early refusal needs: the verifier and the limits, and what every answer gets. */
export interface EarlyRefusalParts {
  verify: TokenVerifier;
  limits: RateLimits;
  /** The security headers of every answer, as `securityHeaderList` recorded them. */
  headers: readonly SecurityHeader[];
  /** Where the refusal is counted: the request counter and duration, as `requestMetrics` counts. */
  prometheus: Prometheus;
  logger: Logger;
  /** Paths answered whatever token they carry (health probes, the metrics scrape with its own token). */
  exempt: readonly string[];
}

/**
 * Puts the early refusal in front of the app, before Express itself sees the request: an address already past
 * its failure limit that sends a token that fails again is answered 429 at once, as the limiter would answer
 * it at the end of the chain (same status, problem body, security headers, draft-7 `RateLimit` headers and
 * `Retry-After`), and is counted in the request metrics and the request log as the app counts it. Express's own
 * setup of a request (its prototypes, the router, the middlewares) costs more than the refusal, so a flood of
 * bad tokens now costs little more than Node's reading of its headers and the writing of an answer built once.
 * A token that verifies is never refused here: it goes on, and is verified again by `authenticate`.
 */
export function refuseRepeatedFailures(app: Express, parts: EarlyRefusalParts): void {
  const { verify, limits, prometheus, logger } = parts;
  const { status, contentType, body, policy, rateLimitBeforeReset } = limits.failureRefusal;
  // The answer's headers in writeHead's flat form; the values of `RateLimit` and `Retry-After` are the slots
  // filled per request, both with the seconds left.
  const head: string[] = [];
  for (const [name, value] of parts.headers) if (value !== null) head.push(name, value);
  head.push('Content-Type', contentType, 'Content-Length', String(body.length), 'RateLimit-Policy', policy);
  const rateLimitSlot = head.push('RateLimit', '') - 1;
  const retryAfterSlot = head.push('Retry-After', '') - 1;
  const exempt = new Set(parts.exempt);
  const addressOf = clientAddress(app);

  const refuse = (req: IncomingMessage, res: ServerResponse, retryAfter: number, started: bigint) => {
    const headers = head.slice();
    const left = String(retryAfter);
    headers[rateLimitSlot] = rateLimitBeforeReset + left;
    headers[retryAfterSlot] = left;
    res.writeHead(status, headers);
    res.end(body);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    prometheus.observeRequest(req.method!, UNMATCHED, status, seconds);
    logRequest(logger, req.method!, req.url!, status, seconds * 1e3);
  };

  // Express's `app.handle` is what `app(req, res)` calls for every request, whoever listens (the server,
  // the benchmark's server, the tests): the one place in front of which all of them pass.
  const expressApp = app as Express & { handle: AppHandle };
  const handle = expressApp.handle;
  expressApp.handle = function (this: unknown, req, res, next) {
    const authorization = req.headers.authorization;
    const retryAfter = authorization === undefined ? null : limits.failureLockout(addressOf(req));
    if (retryAfter !== null && !exempt.has(pathOf(req.url!))) {
      const started = process.hrtime.bigint();
      const verdict = verify(authorization);
      if (!(verdict instanceof Promise)) {
        if (!verdict.ok) return refuse(req, res, retryAfter, started);
      } else {
        // A verifier that fails on its own (the identity provider's keys out of reach) decides nothing here:
        // the request goes on, and `authenticate` answers it.
        const pass = () => handle.call(this, req, res, next);
        verdict.then((settled) => (settled.ok ? pass() : refuse(req, res, retryAfter, started)), pass);
        return;
      }
    }
    handle.call(this, req, res, next);
  };
}

/** Express's `app.handle`: a request, its response, and the callback of a mounting app, if any. */
type AppHandle = (req: IncomingMessage, res: ServerResponse, next?: unknown) => void;

/**
 * The client address as Express's `req.ip` gives it (TRUST_PROXY honoured, the limiter's key), for a request
 * Express has not set up yet: its getter read with the request's headers and socket.
 */
function clientAddress(app: Express): (req: IncomingMessage) => string {
  return (req) =>
    (Reflect.get(app.request, 'ip', { app, headers: req.headers, socket: req.socket }) as
      string | undefined) ?? '';
}

/** The path of a request URL, lower-cased as Express matches it, without a trailing slash. */
function pathOf(url: string): string {
  const q = url.indexOf('?');
  const path = (q < 0 ? url : url.slice(0, q)).toLowerCase();
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}
