import type { Database } from '../db/index.ts';
import { toTask, type TaskRecord } from '../engine/records.ts';

/** One page of an inbox, by due date then id. */
export interface InboxFilter {
  status: 'open' | 'closed';
  /** One department's tasks; every department's when absent (auditors and admins). */
  department?: string;
  /** Continue after this task. */
  after?: { key: string; id: string } | null;
  limit: number;
}

/** The tasks of an inbox page, soonest due first. */
export async function inboxTasks(db: Database, filter: InboxFilter): Promise<TaskRecord[]> {
  const query = db.knex('tasks').where({ status: filter.status });
  if (filter.department) query.where({ department: filter.department });
  const after = filter.after;
  if (after) {
    query.where((q) =>
      q
        .where('due_at', '>', after.key)
        .orWhere((c) => c.where('due_at', after.key).where('id', '>', Number(after.id))),
    );
  }
  const rows = await query.orderBy([{ column: 'due_at' }, { column: 'id' }]).limit(filter.limit);
  return rows.map((r) => toTask(r, db.dialect));
}
