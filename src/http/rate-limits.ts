import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Principal } from '../auth/principal.ts';
import { problemBody, tooManyRequests } from './problem.ts';

/** The two limits around authentication: failures per client address, calls per authenticated subject. */
export interface RateLimits {
  /** Run only for a request whose token failed: counts it, and refuses (429) once the address is over. */
  failures: RequestHandler;
  /** Run only for an authenticated request: counts it against the subject's budget. */
  perSubject: RequestHandler;
  /**
   * For a public route that computes its answer (the guide before sign-in): counts every request against its
   * client address, since there is no subject to count it against.
   */
  perAddress: RequestHandler;
  /**
   * Seconds until a client address (`req.ip`) may fail again, when it is over its failure limit now;
   * otherwise null. Answers at once, from a map of the addresses refused so far, so that a flood of bad tokens
   * is refused before Express sees it (`refuseRepeatedFailures`).
   */
  failureLockout(address: string): number | null;
  /**
   * The answer past the failure limit, as the error middleware writes it: status, content type and body; and
   * the failure limit's draft-7 headers as the limiter sets them on its own 429: `RateLimit-Policy` whole, and
   * `RateLimit` up to its `reset=`, the seconds left being the one part that changes.
   */
  readonly failureRefusal: {
    status: number;
    contentType: string;
    body: Buffer;
    policy: string;
    rateLimitBeforeReset: string;
  };
}

const WINDOW_MS = 60_000;

/** Past this share of the failure limit, each further failure is answered this much later, up to the cap. */
const SLOW_FROM = 0.5;
const SLOW_STEP_MS = 100;
const SLOW_MAX_MS = 2_000;

/**
 * Builds the limiters (express-rate-limit, one-minute windows, in this process's memory). The answer past a
 * limit is the service's problem+json `429 too-many-requests`, with `Retry-After` set by the limiter.
 */
export function createRateLimits(limits: {
  authFailuresPerMinute: number;
  perSubjectPerMinute: number;
  publicPerMinute: number;
}): RateLimits {
  const common = {
    windowMs: WINDOW_MS,
    // draft-7 `RateLimit` headers; with standard headers on, the limiter also sets Retry-After on its 429.
    standardHeaders: 'draft-7' as const,
    legacyHeaders: false,
  };
  // Keyed by the client address (IPv6 by /56, the limiter's default): the caller has no identity yet. Behind a
  // reverse proxy that address comes from X-Forwarded-For only as far as TRUST_PROXY allows; an
  // X-Forwarded-For sent without TRUST_PROXY is ignored on purpose, so no warning about it.
  const failureKey = (req: Request) => ipKeyGenerator(req.ip ?? '');
  /**
   * The addresses the failure limit has refused, and when their window ends (ms since 1970): the limiter's
   * own count, kept where it can be read without a promise. An address enters at its first refusal and
   * leaves when its window is over, as it leaves the limiter's store.
   */
  const lockedOut = new Map<string, number>();
  let lastSweep = Date.now();
  const lockOut = (key: string, until: number) => {
    const now = Date.now();
    lockedOut.set(key, until);
    if (now - lastSweep < WINDOW_MS) return;
    lastSweep = now;
    for (const [address, end] of lockedOut) if (end <= now) lockedOut.delete(address);
  };
  const failureCounter = rateLimit({
    ...common,
    limit: limits.authFailuresPerMinute,
    requestPropertyName: 'authFailures',
    keyGenerator: failureKey,
    validate: { xForwardedForHeader: false },
    handler: (req, _res, next) => {
      const resetTime = (req as Request & { authFailures?: { resetTime?: Date } }).authFailures?.resetTime;
      lockOut(failureKey(req), resetTime?.getTime() ?? Date.now() + WINDOW_MS);
      next(tooManyRequests('too-many-failures'));
    },
  });
  const perSubject = rateLimit({
    ...common,
    limit: limits.perSubjectPerMinute,
    requestPropertyName: 'subjectBudget',
    keyGenerator: (_req: Request, res: Response) => `sub:${(res.locals.principal as Principal).sub}`,
    handler: (_req, res, next) =>
      next(
        tooManyRequests('too-many-requests', {
          sub: (res.locals.principal as Principal).sub,
          limit: limits.perSubjectPerMinute,
        }),
      ),
  });

  const perAddress = rateLimit({
    ...common,
    limit: limits.publicPerMinute,
    requestPropertyName: 'addressBudget',
    keyGenerator: (req: Request) => `ip:${ipKeyGenerator(req.ip ?? '')}`,
    validate: { xForwardedForHeader: false },
    handler: (_req, _res, next) =>
      next(tooManyRequests('too-many-requests-from-address', { limit: limits.publicPerMinute })),
  });

  // Slowing before refusing: a client that keeps failing gets its 401s later and later, which holds back a
  // flood from one connection before the hard limit is reached, and costs an honest typo nothing.
  const slowFrom = Math.floor(limits.authFailuresPerMinute * SLOW_FROM);
  const failures: RequestHandler = (req, res, next) => {
    failureCounter(req, res, (error?: unknown) => {
      if (error !== undefined) return next(error);
      const used = (req as Request & { authFailures?: { used: number } }).authFailures?.used ?? 0;
      const delay = Math.min((used - slowFrom) * SLOW_STEP_MS, SLOW_MAX_MS);
      if (delay > 0) setTimeout(next, delay);
      else next();
    });
  };
  const failureLockout = (address: string) => {
    // Every request with a token asks this: while no address is refused, none need even be looked up.
    if (lockedOut.size === 0) return null;
    const key = ipKeyGenerator(address);
    const until = lockedOut.get(key);
    if (until === undefined) return null;
    const left = until - Date.now();
    if (left > 0) return Math.max(1, Math.ceil(left / 1000));
    lockedOut.delete(key);
    return null;
  };
  const failureRefusal = {
    status: 429,
    // As the error middleware's `res.send` writes it, charset included.
    contentType: 'application/problem+json; charset=utf-8',
    body: Buffer.from(JSON.stringify(problemBody(tooManyRequests('too-many-failures')))),
    // As express-rate-limit writes draft-7 headers; an address refused has none of its failures left.
    policy: `${limits.authFailuresPerMinute};w=${Math.ceil(WINDOW_MS / 1000)}`,
    rateLimitBeforeReset: `limit=${limits.authFailuresPerMinute}, remaining=0, reset=`,
  };
  return { failures, perSubject, perAddress, failureLockout, failureRefusal };
}
