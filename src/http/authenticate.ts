import type { RequestHandler } from 'express';
import type { Principal } from '../auth/principal.ts';
import type { RateLimits } from './rate-limits.ts';

/**
 * Verifies the bearer token (401 on any doubt) and keeps the caller in `res.locals.principal`. A failure
 * counts against the client address (slowed, then 429); a success against the subject's budget only, so a
 * flood of bad tokens from an address never refuses a valid token from it. Authenticated answers are
 * personal: `Cache-Control: no-store` keeps them out of shared and browser caches.
 */
export function authenticate(
  verify: (authorization: string | undefined) => Principal,
  limits: RateLimits,
): RequestHandler {
  return (req, res, next) => {
    let principal: Principal;
    try {
      principal = verify(req.get('authorization'));
    } catch (error) {
      limits.failures(req, res, (limited?: unknown) => next(limited ?? error));
      return;
    }
    res.locals.principal = principal;
    res.set('Cache-Control', 'no-store');
    limits.perSubject(req, res, next);
  };
}
