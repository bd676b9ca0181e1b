import { civilFromDay, dayFromCivil, isoToDay, startOfDay } from '../calendar/index.ts';
import { approvalTimes, type ApprovalTimesRow } from './approval-times.ts';
import { keyProjectFigures, type KeyProjectFigures } from './key-projects.ts';
import type { ReportDeps } from './report-deps.ts';
import { isApplicationWorkflow } from '../engine/workflow.ts';
import { reviewMonth, type ReviewPeriod } from '../experts/figures.ts';
import { ratingFigures, type RatingFigures } from '../ratings/figures.ts';

/** One department (tasks closed in the month) or workflow (cases decided in the month) of the bulletin. */
export interface BulletinRow {
  /** 1 for the best; equal figures share a rank; null when nothing was closed in the month. */
  rank: number | null;
  group: string;
  name: string;
  /** Tasks closed (departments) or cases decided after acceptance (workflows) in the month. */
  concluded: number;
  onTime: number;
  late: number;
  onTimeRate: number | null;
  meanWorkingDays: number | null;
  medianWorkingDays: number | null;
  p90WorkingDays: number | null;
  maxWorkingDays: number | null;
  /** The statutory limit the compression rate compares with (see {@link monthlyBulletin}). */
  limitWorkingDays: number | null;
  /** True when the department's steps closed in the month have different limits: the limit is their median. */
  limitsVary: boolean;
  /** 1 − median net working days ÷ statutory limit: how much faster than the law allows (negative: slower). */
  compressionRate: number | null;
}

/** `GET /api/v1/reports/monthly`. */
export interface MonthlyReport {
  report: 'monthly';
  at: string;
  /** The calendar month containing `at`, `YYYY-MM`, and its bounds (Asia/Shanghai day starts, `to` exclusive). */
  month: string;
  from: string;
  to: string;
  /** False while the month is still running: the figures are month-to-date. */
  complete: boolean;
  /** Present when a figure counted days of a year whose calendar is not published. */
  provisional?: true;
  departments: BulletinRow[];
  workflows: BulletinRow[];
  /** The investment pre-reviews decided in the month (src/experts/figures.ts). */
  investmentReviews: ReviewPeriod;
  /** The month's ratings (好差评) per department and per item, as published (no identities). */
  ratings: RatingFigures;
  /** The key projects' lights and issues of the month (`figures` of GET /reports/monthly/projects). */
  keyProjects: KeyProjectFigures;
}

/**
 * Monthly bulletin (一月一通报) for the calendar month containing `at` (any day of a month asks for that month;
 * the default, today, gives the month to date, flagged `complete: false`). Departments and workflows are ranked
 * by on-time rate, then by median net working days. The durations and rates are those of `approvalTimes` for
 * the month; this adds the exact on-time counts, the statutory limits and the compression rate.
 *
 * A department's statutory limit is the `limit_days` of its steps. Where its steps closed in the month have
 * different limits (the window's intake of 5 days and issue of 2, planning's 20-day review and 5-day
 * completion inspection), it is the median of `limit_days` over the same tasks as the median duration, so
 * that both sides of the compression rate weigh each task once; `limitsVary` says so. A workflow's statutory
 * limit is its case limit before extensions (`statutoryLimitDays`), as in the approval-time metrics.
 */
export async function monthlyBulletin(deps: ReportDeps, at: string, now: Date): Promise<MonthlyReport> {
  const { db, calendar, registry } = deps;
  const { year, month } = civilFromDay(isoToDay(at));
  const from = startOfDay(dayFromCivil(year, month, 1)).toISOString();
  const to = startOfDay(dayFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1));
  const monthKey = at.slice(0, 7);
  const knex = db.knex;
  const onTimeSum = knex.raw('sum(case when on_time then 1 else 0 end) as on_time');
  const [byDepartment, byWorkflow, taskFacts, caseFacts, departments, investmentReviews, ratings] =
    await Promise.all([
      approvalTimes(db, registry, { groupBy: 'department', from, to: to.toISOString() }, now),
      approvalTimes(db, registry, { groupBy: 'workflow', from, to: to.toISOString() }, now),
      // The same tasks approvalTimes counts: closed in the month, with their stored figures.
      knex('tasks')
        .whereNotNull('closed_at')
        .whereNotNull('net_working_days')
        .where('closed_at', '>=', from)
        .where('closed_at', '<', to.toISOString())
        .groupBy('department')
        .select(
          'department',
          onTimeSum,
          knex.raw(`${db.dialect.percentileCont('limit_days', 0.5)} as median_limit`),
          knex.raw('min(limit_days) as min_limit'),
          knex.raw('max(limit_days) as max_limit'),
        ),
      knex('applications')
        .whereNotNull('net_working_days')
        .where('concluded_month', monthKey)
        .groupBy('workflow_id')
        .select(
          'workflow_id',
          onTimeSum,
          knex.raw('sum(case when timing_provisional then 1 else 0 end) as provisional'),
        ),
      knex('departments').select('code', 'name').orderBy('code'),
      reviewMonth(db, calendar, monthKey),
      ratingFigures(db, registry, at),
    ]);
  const keyProjects = await keyProjectFigures(deps, 'monthly', at);

  const taskFactsBy = new Map(taskFacts.map((r: Record<string, unknown>) => [String(r.department), r]));
  const caseFactsBy = new Map(caseFacts.map((r: Record<string, unknown>) => [String(r.workflow_id), r]));
  const departmentRows = groupsOf(
    departments.map((d: { code: string; name: string }) => [d.code, d.name] as const),
    byDepartment,
  ).map(([code, name, stats]) => {
    const facts = taskFactsBy.get(code);
    const limitsVary = facts !== undefined && Number(facts.min_limit) !== Number(facts.max_limit);
    const limit = facts ? round(Number(facts.median_limit), 2) : null;
    return bulletinRow(code, name, stats, db.dialect.readNumber(facts?.on_time), limit, limitsVary);
  });
  const workflows = registry.latest().filter((w) => isApplicationWorkflow(w));
  const workflowRows = groupsOf(
    workflows.map((w) => [w.id, w.title] as const),
    byWorkflow,
  ).map(([id, title, stats]) => {
    const limit = registry.has(id) ? (registry.get(id).statutoryLimitDays ?? null) : null;
    return bulletinRow(id, title, stats, db.dialect.readNumber(caseFactsBy.get(id)?.on_time), limit, false);
  });

  const report: MonthlyReport = {
    report: 'monthly',
    at,
    month: monthKey,
    from,
    to: to.toISOString(),
    complete: now >= to,
    departments: ranked(departmentRows),
    workflows: ranked(workflowRows),
    investmentReviews: (({ month: _month, ...figures }) => figures)(investmentReviews),
    ratings,
    keyProjects,
  };
  const provisionalCases = caseFacts.some((r: Record<string, unknown>) =>
    db.dialect.readNumber(r.provisional),
  );
  if (provisionalCases || !calendar.isPublished(year)) report.provisional = true;
  return report;
}

/** Every known group (zero included) and any group the figures name that is not known, with its figures. */
function groupsOf(
  known: ReadonlyArray<readonly [string, string]>,
  rows: ApprovalTimesRow[],
): Array<[string, string, ApprovalTimesRow | undefined]> {
  const byGroup = new Map(rows.filter((r) => r.concluded > 0).map((r) => [r.group, r]));
  const names = new Map(known);
  const groups = [...names.keys(), ...[...byGroup.keys()].filter((g) => !names.has(g))];
  return groups.map((g) => [g, names.get(g) ?? g, byGroup.get(g)]);
}

function bulletinRow(
  group: string,
  name: string,
  stats: ApprovalTimesRow | undefined,
  onTime: number,
  limit: number | null,
  limitsVary: boolean,
): BulletinRow {
  const concluded = stats?.concluded ?? 0;
  const median = stats?.medianWorkingDays ?? null;
  return {
    rank: null,
    group,
    name,
    concluded,
    onTime,
    late: concluded - onTime,
    onTimeRate: stats?.onTimeRate ?? null,
    meanWorkingDays: stats?.meanWorkingDays ?? null,
    medianWorkingDays: median,
    p90WorkingDays: stats?.p90WorkingDays ?? null,
    maxWorkingDays: stats?.maxWorkingDays ?? null,
    limitWorkingDays: concluded ? limit : null,
    limitsVary: concluded > 0 && limitsVary,
    compressionRate: median !== null && limit ? round(1 - median / limit, 4) : null,
  };
}

/** Best on-time rate first, then the shortest median; rows with nothing closed last, by code. */
function ranked(rows: BulletinRow[]): BulletinRow[] {
  const active = rows
    .filter((r) => r.concluded > 0)
    .sort(
      (a, b) =>
        b.onTimeRate! - a.onTimeRate! ||
        a.medianWorkingDays! - b.medianWorkingDays! ||
        a.group.localeCompare(b.group),
    );
  active.forEach((row, i) => {
    const before = active[i - 1];
    const tied =
      before !== undefined &&
      before.onTimeRate === row.onTimeRate &&
      before.medianWorkingDays === row.medianWorkingDays;
    row.rank = tied ? before.rank : i + 1;
  });
  const idle = rows.filter((r) => r.concluded === 0).sort((a, b) => a.group.localeCompare(b.group));
  return [...active, ...idle];
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
