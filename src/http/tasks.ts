import { Router } from 'express';
import { toTask } from '../engine/records.ts';
import { taskView } from './application-view.ts';
import type { HttpContext } from './context.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { forbidden, malformed } from './problem.ts';
import { pageLimit, principalOf, queryString } from './request.ts';

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

    const query = ctx.db.knex('tasks').where({ status });
    if (department) query.where({ department });
    if (cursor) {
      query.where((q) =>
        q
          .where('due_at', '>', cursor.key)
          .orWhere((c) => c.where('due_at', cursor.key).where('id', '>', Number(cursor.id))),
      );
    }
    const rows = await query.orderBy([{ column: 'due_at' }, { column: 'id' }]).limit(limit + 1);
    const now = ctx.clock.now();
    const items = rows.slice(0, limit).map((r) => taskView(toTask(r, ctx.db.dialect), ctx, now));
    const last = items[items.length - 1];
    res.json({
      items,
      nextCursor: rows.length > limit && last ? encodeCursor({ key: last.dueAt, id: String(last.id) }) : null,
    });
  });
  return router;
}
