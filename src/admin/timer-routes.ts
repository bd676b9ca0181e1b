import type { Router } from 'express';
import { retryTimer, troubledTimers } from '../engine/timers.ts';
import type { HttpContext } from '../http/context.ts';
import { forbidden, notFound } from '../http/problem.ts';
import { pageLimit, param, principalOf, serialId } from '../http/request.ts';
import { TROUBLED_QUERY, troubledStatus } from './troubled-status.ts';
import { defineRoute, mountRoutes, type RouteDefinition } from '../openapi/define-route.ts';
import { itemsOf, json, REPLAYABLE } from '../openapi/route-table.ts';

const listTroubledTimers = defineRoute<HttpContext>({
  method: 'get',
  path: '/api/v1/admin/timers',
  operationId: 'listTroubledTimers',
  summary: 'Timers whose event failed',
  description:
    'Admin. A timer whose event fails is retried with backoff and, after its last attempt, parked as dead (the case waits for a person). `status=dead` (the default) lists the parked ones, `status=retrying` the ones still retried; oldest due first.',
  tag: 'Administration',
  access: 'bearer',
  query: TROUBLED_QUERY,
  responses: { 200: { description: 'The timers.', content: json(itemsOf('timer')) } },
  problems: [400, 403],
  handler: (ctx) => async (req, res) => {
    if (principalOf(res).role !== 'admin') throw forbidden('timers-admin-only');
    const status = troubledStatus(req, 'timer-status');
    const items = await troubledTimers(ctx.db, status, pageLimit(req));
    res.json({ items });
  },
});

const retryTimerRoute = defineRoute<HttpContext>({
  method: 'post',
  path: '/api/v1/admin/timers/{id}/retry',
  operationId: 'retryTimer',
  summary: 'Give a failed timer a fresh start',
  description:
    'Admin, once the cause of the failures is fixed: the timer is no longer dead, its attempts start again from zero, and the next sweep fires it (recorded at its due time).',
  tag: 'Administration',
  access: 'bearer',
  idempotent: true,
  responses: {
    200: { description: 'The timer, due again.', content: json('timer'), headers: REPLAYABLE },
  },
  problems: [400, 403, 404],
  handler: (ctx) => async (req, res) => {
    if (principalOf(res).role !== 'admin') throw forbidden('timer-retry-admin-only');
    const raw = param(req, 'id');
    const id = serialId(raw);
    if (id === null) throw notFound('timer-id', { id: raw });
    // Retrying a timer twice leaves it as once: the key is completed after the work, like any non-engine POST.
    await ctx.idempotency.respond(req, res, {
      work: async () => {
        const timer = await retryTimer(ctx.db, id);
        if (!timer) throw notFound('timer-gone', { id });
        return { status: 200, body: timer };
      },
    });
  },
});

/**
 * Timers in trouble, for administrators: `GET /timers?status=dead` lists the ones parked after their last
 * failed attempt (the case waits for a person), `status=retrying` the ones still being retried with backoff;
 * `POST /timers/:id/retry` gives one a fresh start once its cause is fixed.
 */
export const TIMER_ROUTES: readonly RouteDefinition<HttpContext>[] = [listTroubledTimers, retryTimerRoute];

/** The timers router, mounted at `/api/v1/admin` behind authentication. */
export function adminTimersRouter(ctx: HttpContext): Router {
  return mountRoutes(ctx, TIMER_ROUTES, { prefix: '/api/v1/admin' });
}
