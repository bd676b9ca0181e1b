import { Router } from 'express';
import { troubledTimers } from '../engine/timers.ts';
import type { HttpContext } from './context.ts';
import { forbidden, malformed } from './problem.ts';
import { pageLimit, principalOf, queryString } from './request.ts';

const STATUSES = ['dead', 'retrying'] as const;

/**
 * Timers in trouble, for administrators: `GET /timers?status=dead` lists the ones parked after their last
 * failed attempt (the case waits for a person), `status=retrying` the ones still being retried with backoff.
 */
export function adminTimersRouter(ctx: HttpContext): Router {
  const router = Router();
  router.get('/timers', async (req, res) => {
    if (principalOf(res).role !== 'admin') throw forbidden('the timers view is for administrators');
    const status = queryString(req, 'status') ?? 'dead';
    if (!(STATUSES as readonly string[]).includes(status)) {
      throw malformed(`status must be ${STATUSES.join(' or ')}`, [
        { pointer: '/query/status', detail: `must be one of ${STATUSES.join(', ')}` },
      ]);
    }
    const items = await troubledTimers(ctx.db, status as (typeof STATUSES)[number], pageLimit(req));
    res.json({ items });
  });
  return router;
}
