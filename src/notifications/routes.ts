import type { Router } from 'express';
import type { HttpContext } from '../http/context.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import { malformed, notFound } from '../http/problem.ts';
import { pageLimit, param, principalOf, queryString, serialId } from '../http/request.ts';
import { defineRoute, mountRoutes, type RouteDefinition } from '../openapi/define-route.ts';
import { json, ref, REPLAYABLE } from '../openapi/route-table.ts';
import { markRead, messagesFor, unreadCount } from './store.ts';
import { fieldError } from '../errors/index.ts';

const listNotifications = defineRoute<HttpContext>({
  method: 'get',
  path: '/api/v1/notifications',
  operationId: 'listNotifications',
  summary: "The caller's messages",
  description:
    "Every signed-in user: the messages addressed to them, newest first — an applicant its enterprise's, a clerk its department's, an agent the ones addressed to it, of cases an agreement it holds covers now. Auditors and administrators receive none but what names them in person (a key project's task force members, as anyone). `unreadCount` counts the caller's unread messages over all pages; reading is per user.",
  tag: 'Notifications',
  access: 'bearer',
  paged: true,
  query: [
    {
      name: 'unread',
      description: '`true`: only the messages the caller has not read.',
      schema: { type: 'string', enum: ['true', 'false'] },
    },
  ],
  responses: {
    200: {
      description: 'One page of messages, and the unread count.',
      content: json({
        type: 'object',
        required: ['items', 'nextCursor', 'unreadCount'],
        properties: {
          items: { type: 'array', items: ref('notification') },
          nextCursor: {
            type: ['string', 'null'],
            description: 'Pass as `?cursor=` for the next page; null on the last page.',
          },
          unreadCount: { type: 'integer', minimum: 0 },
        },
      }),
    },
  },
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    const unread = queryString(req, 'unread') ?? 'false';
    if (unread !== 'true' && unread !== 'false') {
      throw malformed('unread-filter', {}, [
        fieldError('/query/unread', 'not-one-of', { allowed: ['true', 'false'] }),
      ]);
    }
    const limit = pageLimit(req);
    const cursor = decodeCursor(queryString(req, 'cursor'), 'serial');
    const now = ctx.clock.now();
    const [messages, count] = await Promise.all([
      messagesFor(ctx.db, ctx.registry, principal, now, {
        after: cursor,
        limit: limit + 1,
        unreadOnly: unread === 'true',
      }),
      unreadCount(ctx.db, ctx.registry, principal, now),
    ]);
    const items = messages.slice(0, limit);
    const last = items[items.length - 1];
    res.json({
      items,
      nextCursor: messages.length > limit && last ? encodeCursor({ key: last.createdAt, id: last.id }) : null,
      unreadCount: count,
    });
  },
});

const readNotification = defineRoute<HttpContext>({
  method: 'post',
  path: '/api/v1/notifications/{id}/read',
  operationId: 'readNotification',
  summary: 'Mark a message read',
  description:
    "For the caller only (others who receive it keep it unread). Reading it again changes nothing and answers the same. Someone else's message, or one that does not exist, is 404.",
  tag: 'Notifications',
  access: 'bearer',
  idempotent: true,
  responses: {
    200: { description: 'The message, read.', content: json('notification'), headers: REPLAYABLE },
  },
  problems: [404],
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    const raw = param(req, 'id');
    const id = serialId(raw);
    if (id === null) throw notFound('notification-id', { id: raw });
    await ctx.idempotency.respond(req, res, {
      work: async () => {
        const message = await markRead(ctx.db, ctx.registry, principal, id, ctx.clock.now());
        if (!message) throw notFound('notification-not-yours', { id });
        return { status: 200, body: message };
      },
    });
  },
});

/** The caller's messages and marking one read (docs/api.md, "Notifications"). */
export const NOTIFICATION_ROUTES: readonly RouteDefinition<HttpContext>[] = [
  listNotifications,
  readNotification,
];

/** The notifications router, mounted at `/api/v1/notifications` behind authentication. */
export function notificationsRouter(ctx: HttpContext): Router {
  return mountRoutes(ctx, NOTIFICATION_ROUTES, { prefix: '/api/v1/notifications' });
}
