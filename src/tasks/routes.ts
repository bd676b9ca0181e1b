import type { Router } from 'express';
import type { HttpContext } from '../http/context.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import { forbidden, malformed } from '../http/problem.ts';
import { pageLimit, principalOf, queryString } from '../http/request.ts';
import { defineRoute, mountRoutes, type RouteDefinition } from '../openapi/define-route.ts';
import { json, pageOf } from '../openapi/route-table.ts';
import { inboxTasks } from './queries.ts';
import { taskView } from './view.ts';
import { fieldError } from '../errors/index.ts';

const listTasks = defineRoute<HttpContext>({
  method: 'get',
  path: '/api/v1/tasks',
  operationId: 'listTasks',
  summary: 'Task inbox',
  description: 'By due date. Clerks see their own department only; auditors and admins any.',
  tag: 'Tasks',
  access: 'bearer',
  paged: true,
  query: [
    {
      name: 'status',
      description: 'open (default) or closed.',
      schema: { enum: ['open', 'closed'], default: 'open' },
    },
    {
      name: 'department',
      description: "A department code (a clerk's own only).",
      schema: { type: 'string' },
    },
  ],
  responses: { 200: { description: 'One page of tasks.', content: json(pageOf('task')) } },
  problems: [403],
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    const status = queryString(req, 'status') ?? 'open';
    if (status !== 'open' && status !== 'closed') {
      throw malformed('task-status-filter', {}, [
        fieldError('/query/status', 'not-one-of', { allowed: ['open', 'closed'] }),
      ]);
    }
    let department = queryString(req, 'department');
    const limit = pageLimit(req);
    const cursor = decodeCursor(queryString(req, 'cursor'), 'serial');
    if (principal.role === 'clerk') {
      if (department !== undefined && department !== principal.org) {
        throw forbidden('inbox-own-department', { department: principal.org });
      }
      department = principal.org!;
    } else if (principal.role !== 'auditor' && principal.role !== 'admin') {
      throw forbidden('inbox-roles');
    }

    const tasks = await inboxTasks(ctx.db, { status, department, after: cursor, limit: limit + 1 });
    const now = ctx.clock.now();
    const items = tasks.slice(0, limit).map((t) => taskView(t, ctx, now));
    const last = items[items.length - 1];
    res.json({
      items,
      nextCursor:
        tasks.length > limit && last ? encodeCursor({ key: last.dueAt, id: String(last.id) }) : null,
    });
  },
});

/** The clerk's inbox: tasks by due date. Clerks see their own department; auditors and admins any. */
export const TASK_ROUTES: readonly RouteDefinition<HttpContext>[] = [listTasks];

/** The tasks router, mounted at `/api/v1/tasks` behind authentication. */
export function tasksRouter(ctx: HttpContext): Router {
  return mountRoutes(ctx, TASK_ROUTES, { prefix: '/api/v1/tasks' });
}
