/**
 * Every read of `applications` the case routes make, and the rows a case page gathers: the list, the load with
 * the caller's task, the history. Routes hold no SQL of their own.
 */
import type { Principal } from '../auth/principal.ts';
import type { Database } from '../db/index.ts';
import type { Engine } from '../engine/engine.ts';
import {
  toApplication,
  toAudit,
  toTask,
  type ApplicationRecord,
  type AuditRecord,
  type TaskRecord,
} from '../engine/records.ts';
import { whereSearch } from './search.ts';
import { whereVisible, type VisibilityDeps } from './visibility.ts';

/** The statuses a case can have, in the order the list's error message names them. */
export const CASE_STATUSES = [
  'draft',
  'submitted',
  'supplementing',
  'in_review',
  'suspended',
  'approved',
  'denied',
  'refused',
  'withdrawn',
  'concluded',
] as const;

/** The list's filters, already checked at the edge. */
export interface CaseListFilter {
  status?: string;
  workflow?: string;
  department?: string;
  overdue?: boolean;
  /** Start of an Asia/Shanghai day (inclusive), on the submission (the creation for drafts). */
  from?: string;
  /** Start of an Asia/Shanghai day (exclusive). */
  to?: string;
  /** Search text: project name or code, USCC or enterprise name, case number (`cases/search.ts`). */
  q?: string;
  /** Due on or after this instant. */
  dueFrom?: string;
  /** Due before this instant. */
  dueTo?: string;
  /** `created`: newest first (the default); `due`: soonest deadline first, cases without one last. */
  sort?: CaseSort;
  /** Continue after this case: the {@link caseSortKey} and id of the last one returned. */
  after?: { key: string; id: string } | null;
  /** At most this many cases. */
  limit: number;
}

/** The orders of the case list. */
export const CASE_SORTS = ['created', 'due'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

/** Where a case without a deadline sorts by due date: after every real one, and still a valid cursor key. */
const NO_DEADLINE = '9999-12-31T23:59:59.999Z';

/** The key a case list pages on for a sort: the creation time, or the deadline (none sorts last). */
export function caseSortKey(
  app: { createdAt: string; dueAt: string | null },
  sort: CaseSort = 'created',
): string {
  return sort === 'due' ? (app.dueAt ?? NO_DEADLINE) : app.createdAt;
}

/** The cases the caller may see that pass the filters, newest first (or soonest due first). */
export async function listCases(
  deps: VisibilityDeps,
  principal: Principal,
  filter: CaseListFilter,
): Promise<ApplicationRecord[]> {
  const knex = deps.db.knex;
  const query = knex('applications').select('applications.*');
  // Scope first: nobody lists cases they could not open.
  await whereVisible(query, deps, principal);
  if (filter.status) query.where('status', filter.status);
  if (filter.workflow) query.where('workflow_id', filter.workflow);
  if (filter.department) {
    query.whereExists(
      knex('tasks')
        .whereRaw('tasks.application_id = applications.id')
        .where('tasks.department', filter.department),
    );
  }
  const now = deps.now.toISOString();
  if (filter.overdue) {
    query.where((q) =>
      q
        .where((c) => c.whereNull('concluded_at').whereNull('clock_stopped_since').where('due_at', '<', now))
        .orWhereExists(
          knex('tasks')
            .whereRaw('tasks.application_id = applications.id')
            .where('tasks.status', 'open')
            .whereNull('tasks.clock_stopped_since')
            .where('tasks.due_at', '<', now),
        ),
    );
  }
  if (filter.from) query.whereRaw('coalesce(submitted_at, created_at) >= ?', [filter.from]);
  if (filter.to) query.whereRaw('coalesce(submitted_at, created_at) < ?', [filter.to]);
  if (filter.q) whereSearch(knex, query, filter.q);
  if (filter.dueFrom) query.where('due_at', '>=', filter.dueFrom);
  if (filter.dueTo) query.where('due_at', '<', filter.dueTo);
  const after = filter.after;
  if (filter.sort === 'due') {
    // Soonest first; cases without a deadline (drafts, not yet accepted) after them, by id.
    const key = knex.raw('coalesce(due_at, ?)', [NO_DEADLINE]);
    if (after) {
      query.where((q) =>
        q.where(key, '>', after.key).orWhere((c) => c.where(key, '=', after.key).where('id', '>', after.id)),
      );
    }
    query.orderByRaw('coalesce(due_at, ?) asc, id asc', [NO_DEADLINE]);
  } else {
    if (after) {
      query.where((q) =>
        q
          .where('created_at', '<', after.key)
          .orWhere((c) => c.where('created_at', after.key).where('id', '<', after.id)),
      );
    }
    query.orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ]);
  }
  const rows = await query.limit(filter.limit);
  return rows.map((r) => toApplication(r, deps.db.dialect));
}

/**
 * A case and whether a department has, or had, a task on it, in one read through the engine's store (on
 * SQLite inside the next group commit): what every request on a case needs first.
 */
export async function caseWithTaskOf(
  engine: Engine,
  id: string,
  department: string | null,
): Promise<{ app: ApplicationRecord | null; hasTask: boolean }> {
  return engine.read(async (store) => {
    const row = await store.application(id);
    if (!row) return { app: null, hasTask: false };
    return {
      app: toApplication(row, store.dialect),
      hasTask: department ? await store.hasTaskOf(id, department) : false,
    };
  });
}

/** A case's audit records, oldest first. */
export async function historyOf(db: Database, id: string): Promise<AuditRecord[]> {
  const rows = await db.knex('audit_events').where({ application_id: id }).orderBy('seq');
  return rows.map((r) => toAudit(r, db.dialect));
}

/**
 * What a case page shows beside the case: its tasks, and its fee and inspection rows. Not its history, which
 * grows with every event: the timing comes from the case row.
 */
export async function casePartsOf(db: Database, id: string) {
  const [tasks, feeRows, inspectionRows] = await Promise.all([
    db.knex('tasks').where({ application_id: id }).orderBy('id'),
    db.knex('fees').where({ application_id: id }).orderBy('id'),
    db.knex('inspections').where({ application_id: id }).orderBy('id'),
  ]);
  return {
    tasks: tasks.map((r): TaskRecord => toTask(r, db.dialect)),
    feeRows: feeRows as Record<string, unknown>[],
    inspectionRows: inspectionRows as Record<string, unknown>[],
  };
}

/** Which of these ids are applications (not agreements, licences, records or follow-ups) of the enterprise. */
export async function ownApplicationIds(
  db: Database,
  enterprise: string,
  ids: string[],
): Promise<Set<string>> {
  const rows = await db
    .knex('applications')
    .whereIn('id', ids)
    .where('applicant', enterprise)
    .whereNotIn('workflow_id', [
      'delegation',
      'licence',
      'pledge-verification',
      'credit-record',
      'credit-repair',
      'rating-follow-up',
    ])
    .select('id');
  return new Set(rows.map((r: { id: string }) => r.id));
}
