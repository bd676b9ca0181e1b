import { Router } from 'express';
import type { HttpContext } from '../http/context.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import { forbidden, malformed } from '../http/problem.ts';
import { pageLimit, principalOf, queryString } from '../http/request.ts';
import { inboxTasks } from './queries.ts';
import { taskView } from './view.ts';

/** The clerk's inbox: tasks by due date. Clerks see their own department; auditors and admins any. */
export function tasksRouter(ctx: HttpContext): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const principal = principalOf(res);
    const status = queryString(req, 'status') ?? 'open';
    if (status !== 'open' && status !== 'closed') {
      throw malformed('status must be open or closed', [
        { pointer: '/query/status', detail: 'open | closed' },
      ]);
    }
    let department = queryString(req, 'department');
    const limit = pageLimit(req);
    const cursor = decodeCursor(queryString(req, 'cursor'), 'serial');
    if (principal.role === 'clerk') {
      if (department !== undefined && department !== principal.org) {
        throw forbidden(`a clerk of ${principal.org} sees the ${principal.org} inbox only`);
      }
      department = principal.org!;
    } else if (principal.role !== 'auditor' && principal.role !== 'admin') {
      throw forbidden('the task inbox is for clerks, auditors and administrators');
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
  });
  return router;
}
