import type { Router } from 'express';
import { retryOutboxMessage, troubledOutbox } from '../engine/outbox-troubles.ts';
import type { HttpContext } from '../http/context.ts';
import { forbidden, notFound } from '../http/problem.ts';
import { pageLimit, param, principalOf, serialId } from '../http/request.ts';
import { TROUBLED_QUERY, troubledStatus } from './troubled-status.ts';
import { defineRoute, mountRoutes, type RouteDefinition } from '../openapi/define-route.ts';
import { itemsOf, json, REPLAYABLE } from '../openapi/route-table.ts';

const listTroubledOutbox = defineRoute<HttpContext>({
  method: 'get',
  path: '/api/v1/admin/outbox',
  operationId: 'listTroubledOutbox',
  summary: 'Outbox messages whose delivery failed',
  description:
    'Admin. A message the receiver (the webhook) refused or did not answer in time is retried with exponential backoff and jitter and, after `OUTBOX_MAX_ATTEMPTS`, parked as dead. `status=dead` (the default) lists the parked ones, `status=retrying` the ones still retried; oldest first.',
  tag: 'Administration',
  access: 'bearer',
  query: TROUBLED_QUERY,
  responses: { 200: { description: 'The messages.', content: json(itemsOf('outbox-message')) } },
  problems: [400, 403],
  handler: (ctx) => async (req, res) => {
    if (principalOf(res).role !== 'admin') throw forbidden('outbox-admin-only');
    const status = troubledStatus(req, 'outbox-status');
    const items = await troubledOutbox(ctx.db, status, pageLimit(req));
    res.json({ items });
  },
});

const retryOutboxRoute = defineRoute<HttpContext>({
  method: 'post',
  path: '/api/v1/admin/outbox/{id}/retry',
  operationId: 'retryOutboxMessage',
  summary: 'Give an undelivered message a fresh start',
  description:
    'Admin, once the receiver is fixed: the message is no longer dead, its attempts start again from zero, and the next round delivers it (with the same message id, so a receiver that saw it before drops it).',
  tag: 'Administration',
  access: 'bearer',
  idempotent: true,
  responses: {
    200: { description: 'The message, due again.', content: json('outbox-message'), headers: REPLAYABLE },
  },
  problems: [403, 404],
  handler: (ctx) => async (req, res) => {
    if (principalOf(res).role !== 'admin') throw forbidden('outbox-retry-admin-only');
    const raw = param(req, 'id');
    const id = serialId(raw);
    if (id === null) throw notFound('outbox-id', { id: raw });
    await ctx.idempotency.respond(req, res, {
      work: async () => {
        const message = await retryOutboxMessage(ctx.db, id, ctx.clock.now());
        if (!message) throw notFound('outbox-gone', { id });
        return { status: 200, body: message };
      },
    });
  },
});

/** Outbox messages in trouble, for administrators: the dead and the retrying ones, and a fresh start. */
export const OUTBOX_ROUTES: readonly RouteDefinition<HttpContext>[] = [listTroubledOutbox, retryOutboxRoute];

/** The outbox router, mounted at `/api/v1/admin` behind authentication. */
export function adminOutboxRouter(ctx: HttpContext): Router {
  return mountRoutes(ctx, OUTBOX_ROUTES, { prefix: '/api/v1/admin' });
}
