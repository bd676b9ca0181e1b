import type { Database } from '../db/index.ts';

/** One department's open work. */
export interface BacklogRow {
  department: string;
  name: string;
  open: number;
  overdue: number;
  /** The task open longest, if any. */
  oldest: { taskId: number; applicationId: string; step: string; openedAt: string; dueAt: string } | null;
}

/** Open and overdue tasks per department (every known department, zero included), with the oldest open task. */
export async function backlog(db: Database, now: Date): Promise<BacklogRow[]> {
  const knex = db.knex;
  const at = now.toISOString();
  const [departments, counts, oldest] = await Promise.all([
    knex('departments').select('code', 'name').orderBy('code'),
    knex('tasks')
      .where('status', 'open')
      .groupBy('department')
      .select(
        'department',
        knex.raw('count(*) as open'),
        knex.raw('sum(case when clock_stopped_since is null and due_at < ? then 1 else 0 end) as overdue', [
          at,
        ]),
      ),
    // The oldest open task of each department: the one with no older open task beside it.
    knex('tasks as t')
      .where('t.status', 'open')
      .whereNotExists(
        knex('tasks as o')
          .where('o.status', 'open')
          .whereRaw('o.department = t.department')
          .whereRaw('(o.opened_at < t.opened_at or (o.opened_at = t.opened_at and o.id < t.id))'),
      )
      .select('t.id', 't.department', 't.application_id', 't.action', 't.opened_at', 't.due_at'),
  ]);
  const countBy = new Map(counts.map((c: Record<string, unknown>) => [String(c.department), c]));
  const oldestBy = new Map(oldest.map((o: Record<string, unknown>) => [String(o.department), o]));
  const known = new Set(departments.map((d: { code: string }) => d.code));
  // Tasks of a department missing from the table still show, so nothing open is hidden.
  const codes = [...known, ...[...countBy.keys()].filter((c) => !known.has(c))];
  const names = new Map(departments.map((d: { code: string; name: string }) => [d.code, d.name]));
  return codes.map((code) => {
    const c = countBy.get(code);
    const o = oldestBy.get(code);
    return {
      department: code,
      name: names.get(code) ?? code,
      open: db.dialect.readNumber(c?.open),
      overdue: db.dialect.readNumber(c?.overdue),
      oldest: o
        ? {
            taskId: Number(o.id),
            applicationId: String(o.application_id),
            step: String(o.action),
            openedAt: String(o.opened_at),
            dueAt: String(o.due_at),
          }
        : null,
    };
  });
}
