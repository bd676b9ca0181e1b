import type { RequestHandler } from 'express';
import type { Principal } from '../auth/principal.ts';
import type { TokenVerdict } from '../auth/tokens.ts';
import { unauthorized } from './problem.ts';
import type { RateLimits } from './rate-limits.ts';

/** The caller of a verdict, or the 401 `HttpError` (`unauthorized`) its refusal is answered with. */
export function principalOf(verdict: TokenVerdict): Principal {
  if (!verdict.ok) throw unauthorized(verdict.code, undefined, { detail: verdict.reason });
  return verdict.principal;
}

/**
 * Verifies the bearer token (401 on any doubt) and keeps the caller in `res.locals.principal`. A failure
 * counts against the client address (slowed, then 429); a success against the subject's budget only, so a
 * flood of bad tokens from an address never refuses a valid token from it. Authenticated answers are
 * personal: `Cache-Control: no-store` keeps them out of shared and browser caches.
 */
export function authenticate(
  verify: (authorization: string | undefined) => TokenVerdict,
  limits: RateLimits,
): RequestHandler {
  return (req, res, next) => {
    const verdict = verify(req.get('authorization'));
    if (!verdict.ok) {
      limits.failures(req, res, (limited?: unknown) =>
        next(limited ?? unauthorized(verdict.code, undefined, { detail: verdict.reason })),
      );
      return;
    }
    res.locals.principal = verdict.principal;
    res.set('Cache-Control', 'no-store');
    limits.perSubject(req, res, next);
  };
}

/**
 * Runs early, before logging, routing and body parsing: an address already past its failure limit that sends
 * a token that fails again is answered 429 at once, as the limiter would answer it at the end of the chain.
 * A flood of bad tokens then costs little more than reading its headers, so the service keeps serving its
 * good callers. A token that verifies is never refused here: it goes on, and is verified again by
 * `authenticate`.
 */
export function refuseRepeatedFailures(
  verify: (authorization: string | undefined) => TokenVerdict,
  limits: RateLimits,
): RequestHandler {
  const { status, contentType, body } = limits.failureRefusal;
  return (req, res, next) => {
    const authorization = req.headers.authorization;
    if (authorization === undefined) return next();
    limits.failureLockout(req).then((retryAfter) => {
      if (retryAfter === null || verify(authorization).ok) return next();
      res
        .status(status)
        .set({ 'Content-Type': contentType, 'Retry-After': String(retryAfter) })
        .send(body);
    }, next);
  };
}
