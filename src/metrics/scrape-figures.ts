import { shanghaiDay, startOfDay, dayFromCivil, yearOfDay } from '../calendar/index.ts';
import type { Database } from '../db/index.ts';
import type { WorkflowRegistry } from '../engine/registry.ts';
import { deadOutboxCount } from '../engine/outbox-troubles.ts';
import { overdueReportCount } from '../licences/store.ts';
import { isApplicationWorkflow } from '../engine/workflow.ts';
import { deadTimerCount } from '../engine/timers.ts';
import { approvalTimes, type ApprovalTimesRow } from './approval-times.ts';
import { backlog, type BacklogRow } from './backlog.ts';
import { reviewTotals } from '../experts/figures.ts';

/** Statuses of a case still in the process (docs/api.md); each gets a row, zero included, so series never vanish. */
export const OPEN_STATUSES: readonly string[] = [
  'draft',
  'submitted',
  'supplementing',
  'in_review',
  'suspended',
];

/** Everything the Prometheus gauges show, read from the database in one go at scrape time. */
export interface ScrapeFigures {
  backlog: BacklogRow[];
  /** Cases not concluded, per workflow and status (agreements and licences are not applications). */
  openCases: Array<{ workflow: string; status: string; count: number }>;
  /** Decided cases per application workflow over the whole history, as the approval-time metrics give them. */
  approvals: ApprovalTimesRow[];
  /** The application workflows, so that each has its rows even with nothing decided. */
  workflows: string[];
  /** Years a stored figure or an open deadline needs, plus this year and the next; `missing` if unpublished. */
  calendar: Array<{ year: number; missing: boolean }>;
  /** Timers parked after their last failed attempt: cases waiting for an administrator. */
  deadTimers: number;
  /** Outbox messages (webhooks) parked after their last failed delivery. */
  deadOutbox: number;
  /** Licences not yet reported to the provincial platform 5 working days after their issue. */
  licencesUnreported: number;
  /** Investment pre-reviews decided by a panel, and of them passed (with or without conditions). */
  investmentReviews: { decided: number; passed: number };
}

/** Reads the figures; every instance computes the same from the same database, and a restart loses nothing. */
export async function scrapeFigures(
  db: Database,
  registry: WorkflowRegistry,
  now: Date,
): Promise<ScrapeFigures> {
  const knex = db.knex;
  const notApplications = registry
    .all()
    .filter((w) => !isApplicationWorkflow(w))
    .map((w) => w.id);
  const workflows = registry
    .latest()
    .filter((w) => isApplicationWorkflow(w))
    .map((w) => w.id);
  const [rows, cases, approvals, calendar, deadTimers, deadOutbox, licencesUnreported, investmentReviews] =
    await Promise.all([
      backlog(db, now),
      knex('applications')
        .whereNull('concluded_at')
        .whereNotIn('workflow_id', notApplications)
        .groupBy('workflow_id', 'status')
        .select('workflow_id', 'status')
        .count({ n: '*' }),
      approvalTimes(db, registry, { groupBy: 'workflow' }, now),
      calendarNeeds(db, now),
      deadTimerCount(db),
      deadOutboxCount(db),
      overdueReportCount(db, now),
      reviewTotals(db),
    ]);
  const openCases = new Map<string, { workflow: string; status: string; count: number }>();
  for (const workflow of workflows) {
    for (const status of OPEN_STATUSES)
      openCases.set(`${workflow}\n${status}`, { workflow, status, count: 0 });
  }
  for (const row of cases as Array<Record<string, unknown>>) {
    const workflow = String(row.workflow_id);
    const status = String(row.status);
    openCases.set(`${workflow}\n${status}`, { workflow, status, count: db.dialect.readNumber(row.n) });
  }
  return {
    backlog: rows,
    openCases: [...openCases.values()],
    approvals: approvals.filter((r) => !notApplications.includes(r.group)),
    workflows,
    calendar,
    deadTimers,
    deadOutbox,
    licencesUnreported,
    investmentReviews,
  };
}

/**
 * Which years need a published calendar and whether each has one (read from the database, not this instance's
 * memory, so that an instance that has not yet reloaded a publication says the same as the others): the years
 * spanned by open tasks and open cases up to their deadlines, the years that stored provisional case figures
 * counted, and this year and the next.
 */
async function calendarNeeds(db: Database, now: Date): Promise<Array<{ year: number; missing: boolean }>> {
  const knex = db.knex;
  const thisYear = yearOfDay(shanghaiDay(now));
  const [published, openTasks, openCases, first] = await Promise.all([
    knex('calendar_years').select('year'),
    knex('tasks').where('status', 'open').select('opened_at as start', 'due_at as end'),
    knex('applications')
      .whereNull('concluded_at')
      .whereNotNull('due_at')
      .select('accepted_at as start', 'due_at as end'),
    knex('applications').min({ at: 'submitted_at' }).first(),
  ]);
  const publishedYears = new Set(published.map((r: { year: unknown }) => Number(r.year)));
  const needed = new Set<number>();
  for (const { start, end } of [...openTasks, ...openCases] as Array<{ start: string; end: string }>) {
    for (let y = yearOfDay(shanghaiDay(start)), last = yearOfDay(shanghaiDay(end)); y <= last; y++) {
      needed.add(y);
    }
  }
  // Stored figures count from submission to conclusion; only unpublished years since the first submission can
  // have made one provisional, and the conclusion index finds such a figure at once when there is one.
  const firstYear = first?.at ? yearOfDay(shanghaiDay(String(first.at))) : thisYear;
  for (let y = firstYear; y <= thisYear; y++) {
    if (publishedYears.has(y) || needed.has(y)) continue;
    const provisional = await knex('applications')
      .where('timing_provisional', true)
      .where('concluded_at', '>=', startOfDay(dayFromCivil(y, 1, 1)).toISOString())
      .where('submitted_at', '<', startOfDay(dayFromCivil(y + 1, 1, 1)).toISOString())
      .first('id');
    if (provisional) needed.add(y);
  }
  const years = new Set([...needed, thisYear, thisYear + 1]);
  return [...years]
    .sort((a, b) => a - b)
    .map((year) => ({ year, missing: needed.has(year) && !publishedYears.has(year) }));
}
