import type { NextFunction, RequestHandler } from 'express';
import type { Principal } from '../auth/principal.ts';
import type { TokenVerdict, TokenVerifier } from '../auth/tokens.ts';
import { forbidden, unauthorized } from './problem.ts';
import type { RateLimits } from './rate-limits.ts';
import type { Sessions } from './sessions.ts';

/** The caller of a verdict, or the 401 `HttpError` (`unauthorized`) its refusal is answered with. */
export function principalOf(verdict: TokenVerdict): Principal {
  if (!verdict.ok) throw refusal(verdict);
  return verdict.principal;
}

/** The 401 of a refused token: its English reason in `detail`, its fault (if any) in `params.why`. */
function refusal(verdict: Extract<TokenVerdict, { ok: false }>) {
  return unauthorized(verdict.code, verdict.why ? { why: verdict.why } : undefined, {
    detail: verdict.reason,
  });
}

/** Methods that change nothing: a cookie-authenticated request of these needs no CSRF check. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Calls `then` with the verdict, at once when it is there, else when the promise settles (errors to `next`). */
function whenSettled(
  verdict: TokenVerdict | Promise<TokenVerdict>,
  then: (verdict: TokenVerdict) => void,
  next: NextFunction,
): void {
  if (verdict instanceof Promise) verdict.then(then, next);
  else then(verdict);
}

/**
 * Verifies the bearer token (401 on any doubt) and keeps the caller in `res.locals.principal`. Without an
 * `Authorization` header, the console's session cookie (`sessions`, after a sign-in through the identity
 * provider) names the caller instead; an unsafe method with it must come from the service's own origin (403
 * otherwise: CSRF). A failure counts against the client address (slowed, then 429); a success against the
 * subject's budget only, so a flood of bad tokens from an address never refuses a valid token from it.
 * Authenticated answers are personal: `Cache-Control: no-store` keeps them out of shared and browser caches.
 */
export function authenticate(verify: TokenVerifier, limits: RateLimits, sessions?: Sessions): RequestHandler {
  return (req, res, next) => {
    const settle = (verdict: TokenVerdict) => {
      if (!verdict.ok) {
        limits.failures(req, res, (limited?: unknown) => next(limited ?? refusal(verdict)));
        return;
      }
      res.locals.principal = verdict.principal;
      res.set('Cache-Control', 'no-store');
      limits.perSubject(req, res, next);
    };
    const authorization = req.get('authorization');
    const session = authorization === undefined ? sessions?.read(req) : undefined;
    if (session === undefined) return whenSettled(verify(authorization), settle, next);
    if (session.ok && !SAFE_METHODS.has(req.method) && !sessions!.sameOrigin(req)) {
      return next(forbidden('session-cross-origin'));
    }
    settle(session);
  };
}
