import type { Knex } from 'knex';
import { whereSearch } from '../cases/search.ts';
import type { Database } from '../db/index.ts';
import { toTask, type TaskRecord } from '../engine/records.ts';

/** Whose tasks an inbox shows: the caller's claims, nobody's yet, or the whole department's. */
export const ASSIGNEE_FILTERS = ['mine', 'unclaimed', 'all'] as const;
export type AssigneeFilter = (typeof ASSIGNEE_FILTERS)[number];

/** The urgencies an inbox filters on (the view computes the same, `tasks/view.ts`). */
export const URGENCY_FILTERS = ['overdue', 'soon'] as const;
export type UrgencyFilter = (typeof URGENCY_FILTERS)[number];

/** One page of an inbox, by due date then id. */
export interface InboxFilter {
  status: 'open' | 'closed';
  /** One department's tasks; every department's when absent (auditors and admins). */
  department?: string;
  /** With `assignee: 'mine'`, whose claims. */
  claimant?: string;
  assignee?: AssigneeFilter;
  workflow?: string;
  /** Search text over the task's case (`cases/search.ts`). */
  q?: string;
  /** Due on or after / before these instants. */
  dueFrom?: string;
  dueTo?: string;
  /** `overdue`: clock running, past due; `soon`: clock running, due from now to `soonUntil`. */
  urgency?: UrgencyFilter;
  now?: string;
  soonUntil?: string;
  /** Continue after this task. */
  after?: { key: string; id: string } | null;
  limit: number;
}

/** A task with what an inbox row shows of its case. */
export interface InboxTask extends TaskRecord {
  workflowId: string;
  applicant: string;
  projectName: string | null;
  projectCode: string | null;
}

/**
 * The tasks of an inbox page, soonest due first. The page key is the stored `due_at` and the id: a stopped
 * clock does not touch it (the deadline moves only when the clock runs again, and then only later), so a
 * reader paging through meets every task, and a task whose clock restarted meanwhile at most twice.
 */
export async function inboxTasks(db: Database, filter: InboxFilter): Promise<InboxTask[]> {
  const knex = db.knex;
  const query = knex('tasks')
    .join('applications', 'applications.id', 'tasks.application_id')
    .where('tasks.status', filter.status)
    .select(
      'tasks.*',
      'applications.workflow_id as case_workflow',
      'applications.applicant as case_applicant',
      'applications.project_name as case_project_name',
      'applications.project_code as case_project_code',
    );
  if (filter.department) query.where('tasks.department', filter.department);
  if (filter.assignee === 'mine') query.where('tasks.claimed_by', filter.claimant ?? '');
  if (filter.assignee === 'unclaimed') query.whereNull('tasks.claimed_by');
  if (filter.workflow) query.where('applications.workflow_id', filter.workflow);
  if (filter.q) whereSearch(knex, query, filter.q);
  if (filter.dueFrom) query.where('tasks.due_at', '>=', filter.dueFrom);
  if (filter.dueTo) query.where('tasks.due_at', '<', filter.dueTo);
  if (filter.urgency) whereUrgent(query, filter.urgency, filter.now!, filter.soonUntil!);
  const after = filter.after;
  if (after) {
    query.where((q) =>
      q
        .where('tasks.due_at', '>', after.key)
        .orWhere((c) => c.where('tasks.due_at', after.key).where('tasks.id', '>', Number(after.id))),
    );
  }
  const rows = await query.orderBy([{ column: 'tasks.due_at' }, { column: 'tasks.id' }]).limit(filter.limit);
  return rows.map((r: Record<string, unknown>) => ({
    ...toTask(r, db.dialect),
    workflowId: String(r.case_workflow),
    applicant: String(r.case_applicant),
    projectName: r.case_project_name === null ? null : String(r.case_project_name),
    projectCode: r.case_project_code === null ? null : String(r.case_project_code),
  }));
}

/** Urgency in SQL, as `taskUrgency` says it in TypeScript: only a running clock is urgent. */
function whereUrgent(query: Knex.QueryBuilder, urgency: UrgencyFilter, now: string, soonUntil: string): void {
  query.where('tasks.status', 'open').whereNull('tasks.clock_stopped_since');
  if (urgency === 'overdue') query.where('tasks.due_at', '<', now);
  else query.where('tasks.due_at', '>=', now).where('tasks.due_at', '<=', soonUntil);
}
