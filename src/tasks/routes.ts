import type { Router } from 'express';
import { namesFor } from '../directory/index.ts';
import type { HttpContext } from '../http/context.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import { enumQuery, searchQuery } from '../http/list-query.ts';
import { forbidden } from '../http/problem.ts';
import { dayStartQuery, pageLimit, principalOf, queryString } from '../http/request.ts';
import { defineRoute, mountRoutes, type RouteDefinition } from '../openapi/define-route.ts';
import { dateQuery, json, pageOf } from '../openapi/route-table.ts';
import { MAX_SEARCH_LENGTH } from '../cases/search.ts';
import { CLAIM_ROUTES } from './claim-routes.ts';
import { ASSIGNEE_FILTERS, inboxTasks, URGENCY_FILTERS } from './queries.ts';
import { soonUntil, taskView } from './view.ts';

const listTasks = defineRoute<HttpContext>({
  method: 'get',
  path: '/api/v1/tasks',
  operationId: 'listTasks',
  summary: 'Task inbox',
  description:
    "By due date, then id; each row names its case's project and enterprise, the claimant and the urgency. Clerks see their own department only; auditors and admins any. The page key is the stored deadline, which a stopped clock does not move.",
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
    {
      name: 'assignee',
      description: "mine: the caller's claims; unclaimed: nobody's yet; all (default): the whole inbox.",
      schema: { enum: [...ASSIGNEE_FILTERS], default: 'all' },
    },
    { name: 'workflow', description: 'Only tasks of cases of this workflow.', schema: { type: 'string' } },
    {
      name: 'q',
      description: "Search the task's case: project name or code, USCC or enterprise name, case number.",
      schema: { type: 'string', maxLength: MAX_SEARCH_LENGTH },
    },
    {
      name: 'urgency',
      description:
        'overdue: clock running and past due; soon: clock running, due by the end of the second working day from today.',
      schema: { enum: [...URGENCY_FILTERS] },
    },
    dateQuery('dueFrom', 'Due on or after this date.'),
    dateQuery('dueTo', 'Due before this date (exclusive).'),
  ],
  responses: { 200: { description: 'One page of tasks.', content: json(pageOf('task')) } },
  problems: [403],
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    const status = enumQuery(req, 'status', ['open', 'closed'] as const) ?? 'open';
    let department = queryString(req, 'department');
    const limit = pageLimit(req);
    const cursor = decodeCursor(queryString(req, 'cursor'), 'serial');
    const assignee = enumQuery(req, 'assignee', ASSIGNEE_FILTERS) ?? 'all';
    const urgency = enumQuery(req, 'urgency', URGENCY_FILTERS);
    const q = searchQuery(req, MAX_SEARCH_LENGTH);
    const now = ctx.clock.now();
    const dueFrom = dayStartQuery(req, 'dueFrom', now);
    const dueTo = dayStartQuery(req, 'dueTo', now);
    if (principal.role === 'clerk') {
      if (department !== undefined && department !== principal.org) {
        throw forbidden('inbox-own-department', { department: principal.org });
      }
      department = principal.org!;
    } else if (principal.role !== 'auditor' && principal.role !== 'admin') {
      throw forbidden('inbox-roles');
    }

    const tasks = await inboxTasks(ctx.db, {
      status,
      department,
      assignee,
      claimant: principal.sub,
      workflow: queryString(req, 'workflow'),
      q,
      dueFrom,
      dueTo,
      urgency,
      now: now.toISOString(),
      soonUntil: soonUntil(ctx.calendar, now).toISOString(),
      after: cursor,
      limit: limit + 1,
    });
    const page = tasks.slice(0, limit);
    const names = await namesFor(ctx.db, {
      people: page.map((t) => t.claimedBy),
      enterprises: page.map((t) => t.applicant),
    });
    const items = page.map((t) => taskView(t, ctx, now, names));
    const last = items[items.length - 1];
    res.json({
      items,
      nextCursor:
        tasks.length > limit && last ? encodeCursor({ key: last.dueAt, id: String(last.id) }) : null,
    });
  },
});

/** The clerk's inbox, and who works on each task: claims, releases, a lead's assignments. */
export const TASK_ROUTES: readonly RouteDefinition<HttpContext>[] = [listTasks, ...CLAIM_ROUTES];

/** The tasks router, mounted at `/api/v1/tasks` behind authentication. */
export function tasksRouter(ctx: HttpContext): Router {
  return mountRoutes(ctx, TASK_ROUTES, { prefix: '/api/v1/tasks' });
}
