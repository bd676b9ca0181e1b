import { Router } from 'express';
import { retryTimer, troubledTimers } from '../engine/timers.ts';
import type { HttpContext } from '../http/context.ts';
import { forbidden, malformed, notFound } from '../http/problem.ts';
import { pageLimit, param, principalOf, queryString, serialId } from '../http/request.ts';

const STATUSES = ['dead', 'retrying'] as const;

/**
 * Timers in trouble, for administrators: `GET /timers?status=dead` lists the ones parked after their last
 * failed attempt (the case waits for a person), `status=retrying` the ones still being retried with backoff;
 * `POST /timers/:id/retry` gives one a fresh start once its cause is fixed.
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
  router.post('/timers/:id/retry', async (req, res) => {
    if (principalOf(res).role !== 'admin') throw forbidden('retrying timers is for administrators');
    const raw = param(req, 'id');
    const id = serialId(raw);
    if (id === null) throw notFound(`no pending timer ${raw}; timer ids are whole numbers`);
    // Retrying a timer twice leaves it as once: the key is completed after the work, like any non-engine POST.
    await ctx.idempotency.respond(req, res, {
      work: async () => {
        const timer = await retryTimer(ctx.db, id);
        if (!timer) throw notFound(`no pending timer ${id}; it may have fired or been cancelled`);
        return { status: 200, body: timer };
      },
    });
  });
  return router;
}
