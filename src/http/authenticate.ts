import type { RequestHandler } from 'express';
import type { Principal } from '../auth/principal.ts';

/** Verifies the bearer token (401 on any doubt) and keeps the caller in `res.locals.principal`. */
export function authenticate(verify: (authorization: string | undefined) => Principal): RequestHandler {
  return (req, res, next) => {
    res.locals.principal = verify(req.get('authorization'));
    next();
  };
}
