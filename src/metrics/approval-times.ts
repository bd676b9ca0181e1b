import type { Knex } from 'knex';
import { shanghaiMonth } from '../calendar/index.ts';
import type { Database } from '../db/index.ts';
import type { WorkflowRegistry } from '../engine/registry.ts';

/** How rows are grouped: by case (month, workflow) or by task (department, step). */
export type GroupBy = 'month' | 'workflow' | 'department' | 'step';

/** The filters of docs/api.md; `from`/`to` are UTC instants of Asia/Shanghai day starts, `to` exclusive. */
export interface ApprovalTimesQuery {
  groupBy: GroupBy;
  workflow?: string;
  department?: string;
  from?: string;
  to?: string;
}

/** One row of `GET /api/v1/metrics/approval-times`. */
export interface ApprovalTimesRow {
  group: string;
  concluded: number;
  meanWorkingDays: number | null;
  medianWorkingDays: number | null;
  p90WorkingDays: number | null;
  maxWorkingDays: number | null;
  onTimeRate: number | null;
  /** Mean working days a special procedure (an expert review) held the clock: outside the net figures. */
  meanSpecialProcedureWorkingDays: number | null;
  /** How many of the cases or tasks had one. */
  withSpecialProcedure: number;
  limitWorkingDays: number | null;
  overdueOpen: number | null;
  /** For step rows: which department's step it is. */
  department?: string;
}

const round2 = (value: unknown) =>
  value === null || value === undefined ? null : Math.round(Number(value) * 100) / 100;

/**
 * Processing times net of the stopped clock, from the figures stored when each case concluded or each task
 * closed: counts, mean, median and p90 (linear interpolation, as `percentile_cont`), max, on-time rate; and
 * for workflow, department and step rows the items open and past their limit now.
 */
export async function approvalTimes(
  db: Database,
  registry: WorkflowRegistry,
  query: ApprovalTimesQuery,
  now: Date,
): Promise<ApprovalTimesRow[]> {
  const rows =
    query.groupBy === 'month' || query.groupBy === 'workflow'
      ? await caseRows(db, registry, query, now)
      : await taskRows(db, registry, query, now);
  return rows.sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
}

/** The aggregate columns, the same for cases and tasks. */
function aggregates(db: Database): string[] {
  const net = 'net_working_days';
  return [
    'count(*) as concluded',
    `avg(${net}) as mean`,
    `${db.dialect.percentileCont(net, 0.5)} as median`,
    `${db.dialect.percentileCont(net, 0.9)} as p90`,
    `max(${net}) as max`,
    `avg(case when on_time then 1.0 else 0.0 end) as on_time_rate`,
    'avg(coalesce(special_working_days, 0)) as mean_special',
    'sum(case when special_working_days > 0 then 1 else 0 end) as with_special',
  ];
}

function statistics(db: Database, row: Record<string, unknown>) {
  const concluded = db.dialect.readNumber(row.concluded);
  return {
    concluded,
    meanWorkingDays: concluded ? round2(row.mean) : null,
    medianWorkingDays: concluded ? round2(row.median) : null,
    p90WorkingDays: concluded ? round2(row.p90) : null,
    maxWorkingDays: concluded ? round2(row.max) : null,
    onTimeRate: concluded ? Math.round(Number(row.on_time_rate) * 10000) / 10000 : null,
    meanSpecialProcedureWorkingDays: concluded ? round2(row.mean_special) : null,
    withSpecialProcedure: concluded ? db.dialect.readNumber(row.with_special) : 0,
  };
}

/** Cases decided after acceptance with `concludedAt` in [from, to). */
async function caseRows(
  db: Database,
  registry: WorkflowRegistry,
  query: ApprovalTimesQuery,
  now: Date,
): Promise<ApprovalTimesRow[]> {
  const knex = db.knex;
  const group = query.groupBy === 'month' ? 'concluded_month' : 'workflow_id';
  const q = knex('applications')
    .select(knex.raw(`${group} as grp`), ...aggregates(db).map((a) => knex.raw(a)))
    .whereNotNull('net_working_days')
    .groupBy(group);
  // The month bounds let the index range-scan; the exact instants keep partial months exact.
  if (query.from)
    q.where('concluded_month', '>=', shanghaiMonth(query.from)).where('concluded_at', '>=', query.from);
  if (query.to) {
    q.where('concluded_month', '<=', shanghaiMonth(new Date(Date.parse(query.to) - 1)));
    q.where('concluded_at', '<', query.to);
  }
  if (query.workflow) q.where('workflow_id', query.workflow);
  if (query.department) q.whereExists(departmentTask(knex, query.department));
  const rows: ApprovalTimesRow[] = (await q).map((row: Record<string, unknown>) => ({
    group: String(row.grp),
    ...statistics(db, row),
    limitWorkingDays: statutoryLimit(
      registry,
      query.groupBy === 'workflow' ? String(row.grp) : query.workflow,
    ),
    overdueOpen: null,
  }));
  if (query.groupBy === 'month') return rows;

  // Workflow rows also say how many open cases of the workflow are past their limit now.
  const overdue = knex('applications')
    .select('workflow_id as grp')
    .count({ n: '*' })
    .whereNull('concluded_at')
    .whereNull('clock_stopped_since')
    .where('due_at', '<', now.toISOString())
    .groupBy('workflow_id');
  if (query.workflow) overdue.where('workflow_id', query.workflow);
  if (query.department) overdue.whereExists(departmentTask(knex, query.department));
  return mergeOverdue(db, rows, await overdue, (grp) => ({
    limitWorkingDays: statutoryLimit(registry, grp),
  }));
}

/** Tasks closed in [from, to), by department or by step (the task's state node). */
async function taskRows(
  db: Database,
  registry: WorkflowRegistry,
  query: ApprovalTimesQuery,
  now: Date,
): Promise<ApprovalTimesRow[]> {
  const knex = db.knex;
  const byStep = query.groupBy === 'step';
  const keys = byStep ? ['node', 'department'] : ['department'];
  const q = knex('tasks')
    .select(
      ...keys,
      ...aggregates(db).map((a) => knex.raw(a)),
      knex.raw('min(limit_days) as min_limit'),
      knex.raw('max(limit_days) as max_limit'),
    )
    .whereNotNull('closed_at')
    .whereNotNull('net_working_days')
    .groupBy(keys);
  if (query.from) q.where('closed_at', '>=', query.from);
  if (query.to) q.where('closed_at', '<', query.to);
  if (query.workflow) q.where('workflow_id', query.workflow);
  if (query.department) q.where('department', query.department);
  // A task's limit is statutory when the rows concern one workflow: one step, or one workflow's department.
  const concernsOneWorkflow = byStep || query.workflow !== undefined;
  const limitOf = (row: Record<string, unknown>) =>
    concernsOneWorkflow && Number(row.min_limit) === Number(row.max_limit) ? Number(row.min_limit) : null;
  const rows: ApprovalTimesRow[] = (await q).map((row: Record<string, unknown>) => ({
    group: String(byStep ? row.node : row.department),
    ...(byStep ? { department: String(row.department) } : {}),
    ...statistics(db, row),
    limitWorkingDays: limitOf(row),
    overdueOpen: 0,
  }));

  const overdue = knex('tasks')
    .select(byStep ? ['node as grp', 'department'] : ['department as grp'])
    .count({ n: '*' })
    .select(knex.raw('min(limit_days) as min_limit'), knex.raw('max(limit_days) as max_limit'))
    .where('status', 'open')
    .whereNull('clock_stopped_since')
    .where('due_at', '<', now.toISOString())
    .groupBy(keys);
  if (query.workflow) overdue.where('workflow_id', query.workflow);
  if (query.department) overdue.where('department', query.department);
  return mergeOverdue(db, rows, await overdue, (_grp, row) => ({
    limitWorkingDays: limitOf(row),
    ...(byStep ? { department: String(row.department) } : {}),
  }));
}

/** Adds the open-and-overdue counts to the rows, and rows for groups that only have overdue items. */
function mergeOverdue(
  db: Database,
  rows: ApprovalTimesRow[],
  overdue: Array<Record<string, unknown>>,
  extra: (group: string, row: Record<string, unknown>) => Partial<ApprovalTimesRow>,
): ApprovalTimesRow[] {
  const byGroup = new Map(rows.map((r) => [r.group, r]));
  for (const row of rows) row.overdueOpen = 0;
  for (const o of overdue) {
    const group = String(o.grp);
    const n = db.dialect.readNumber(o.n);
    const existing = byGroup.get(group);
    if (existing) existing.overdueOpen = n;
    else {
      const empty: ApprovalTimesRow = {
        group,
        concluded: 0,
        meanWorkingDays: null,
        medianWorkingDays: null,
        p90WorkingDays: null,
        maxWorkingDays: null,
        onTimeRate: null,
        meanSpecialProcedureWorkingDays: null,
        withSpecialProcedure: 0,
        limitWorkingDays: null,
        overdueOpen: n,
        ...extra(group, o),
      };
      byGroup.set(group, empty);
    }
  }
  return [...byGroup.values()];
}

function departmentTask(knex: Knex, department: string) {
  return knex('tasks')
    .whereRaw('tasks.application_id = applications.id')
    .where('tasks.department', department);
}

/** A workflow's statutory limit for the whole case, when the rows concern that one workflow. */
function statutoryLimit(registry: WorkflowRegistry, workflow: string | undefined): number | null {
  if (!workflow || !registry.has(workflow)) return null;
  return registry.get(workflow).statutoryLimitDays ?? null;
}
