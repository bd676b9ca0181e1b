/**
 * The supervision rhythm (一周一调度、半月一督查、一月一通报): the weekly dispatch of every case in progress. The
 * biweekly list of late and at-risk tasks is in `biweekly-watch-list.ts`, the monthly bulletin in
 * `monthly-bulletin.ts`; each carries the key projects' figures of its period (`key-projects.ts`).
 *
 * The weekly and the biweekly lists are the work open now, in the database, with every working-day count taken on the day `at`
 * (today unless the caller asks): a later `at` previews what will be late by then if nothing moves. What was
 * open on a past day is not reconstructed here; the monthly bulletin answers for the past from stored figures.
 */
import { overdueReportCount } from '../licences/store.ts';
import { endOfDay, isoToDay, shanghaiDay, type WorkingCalendar } from '../calendar/index.ts';
import { toTask, type TaskRecord } from '../engine/records.ts';
import { isTaskOverdue } from '../timing/case-timing.ts';
import { keyProjectFigures, type KeyProjectFigures } from './key-projects.ts';
import type { ReportDeps } from './report-deps.ts';

/**
 * Working days from the day `at` to the day of `due`: positive ahead, 0 on the due day itself, negative (the
 * working days late) once past it. A weekend right after the due day is past due with 0 working days late.
 */
export function workingDaysLeft(calendar: WorkingCalendar, at: string, due: string): number {
  return shanghaiDay(due) >= isoToDay(at) ? calendar.elapsed(at, due) : -calendar.elapsed(due, at);
}

/** An open task as the weekly dispatch lists it under its case. */
export interface DispatchTask {
  id: number;
  department: string;
  step: string;
  node: string;
  openedAt: string;
  dueAt: string;
  clockStopped: boolean;
  /** Null while the task's clock is stopped: its deadline moves back when the clock runs again. */
  workingDaysLeft: number | null;
  overdue: boolean;
  provisional?: true;
}

/** One case in progress. */
export interface DispatchCase {
  id: string;
  workflow: string;
  workflowTitle: string;
  applicant: string;
  project: { code: string | null; name: string | null };
  state: unknown;
  status: string;
  submittedAt: string;
  acceptedAt: string | null;
  dueAt: string | null;
  limitWorkingDays: number | null;
  clockStopped: boolean;
  /** Working days from `at` to the case's deadline; null before acceptance and while the clock is stopped. */
  workingDaysLeft: number | null;
  overdue: boolean;
  /** The count crosses a year whose calendar is unpublished: it was made on weekends alone. */
  provisional?: true;
  openTasks: DispatchTask[];
}

/** `GET /api/v1/reports/weekly`. */
export interface WeeklyReport {
  report: 'weekly';
  at: string;
  summary: {
    inProgress: number;
    overdue: number;
    clockStopped: number;
    notYetAccepted: number;
    /** Licences not reported to the provincial platform within 5 working days of issue, as of the day's end. */
    licencesUnreported: number;
  };
  items: DispatchCase[];
  /** The key projects' lights and issues of the 7 days up to `at`. */
  keyProjects: KeyProjectFigures;
}

/** Weekly dispatch (一周一调度): every case submitted and not concluded, with its stage, open tasks and days left. */
export async function weeklyDispatch(deps: ReportDeps, at: string): Promise<WeeklyReport> {
  const { db, calendar, registry } = deps;
  const knex = db.knex;
  const inProgress = () =>
    knex('applications').whereNotNull('submitted_at').whereNull('concluded_at').select('id');
  const [cases, taskRows, licencesUnreported, keyProjects] = await Promise.all([
    knex('applications')
      .whereNotNull('submitted_at')
      .whereNull('concluded_at')
      // Not the snapshot: a list of every case in progress has no use for the machines' persisted state.
      .select(
        'id',
        'workflow_id',
        'applicant',
        'project',
        'state',
        'status',
        'submitted_at',
        'accepted_at',
        'due_at',
        'limit_working_days',
        'clock_stopped_since',
      ),
    knex('tasks')
      .where('status', 'open')
      .whereIn('application_id', inProgress())
      .orderBy([{ column: 'due_at' }, { column: 'id' }]),
    overdueReportCount(db, endOfDay(isoToDay(at))),
    keyProjectFigures(deps, 'weekly', at),
  ]);
  const asOf = endOfDay(isoToDay(at));
  const tasksByCase = new Map<string, DispatchTask[]>();
  for (const row of taskRows) {
    const task = toTask(row, db.dialect);
    const list = tasksByCase.get(task.applicationId) ?? [];
    list.push(dispatchTask(calendar, task, at, asOf));
    tasksByCase.set(task.applicationId, list);
  }

  const items = cases.map((row: Record<string, unknown>): DispatchCase => {
    const dueAt = str(row.due_at);
    const clockStopped = row.clock_stopped_since !== null && row.clock_stopped_since !== undefined;
    const counted = dueAt !== null && !clockStopped && row.accepted_at !== null;
    const workflow = String(row.workflow_id);
    const project = db.dialect.readJson<Record<string, unknown>>(row.project) ?? {};
    const item: DispatchCase = {
      id: String(row.id),
      workflow,
      workflowTitle: registry.has(workflow) ? registry.get(workflow).title : workflow,
      applicant: String(row.applicant),
      project: { code: str(project.code), name: str(project.name) },
      state: db.dialect.readJson(row.state),
      status: String(row.status),
      submittedAt: String(row.submitted_at),
      acceptedAt: str(row.accepted_at),
      dueAt,
      limitWorkingDays: row.limit_working_days === null ? null : Number(row.limit_working_days),
      clockStopped,
      workingDaysLeft: counted ? workingDaysLeft(calendar, at, dueAt) : null,
      overdue: counted && asOf.toISOString() > dueAt,
      openTasks: tasksByCase.get(String(row.id)) ?? [],
    };
    if (counted && calendar.unpublishedYears(at, dueAt).length) item.provisional = true;
    return item;
  });
  items.sort(byUrgency);
  return {
    report: 'weekly',
    at,
    summary: {
      inProgress: items.length,
      overdue: items.filter((i) => i.overdue).length,
      clockStopped: items.filter((i) => i.clockStopped).length,
      notYetAccepted: items.filter((i) => i.acceptedAt === null).length,
      licencesUnreported,
    },
    items,
    keyProjects,
  };
}

function dispatchTask(calendar: WorkingCalendar, task: TaskRecord, at: string, asOf: Date): DispatchTask {
  const clockStopped = task.clockStoppedSince !== null;
  const item: DispatchTask = {
    id: task.id,
    department: task.department,
    step: task.action,
    node: task.node,
    openedAt: task.openedAt,
    dueAt: task.dueAt,
    clockStopped,
    workingDaysLeft: clockStopped ? null : workingDaysLeft(calendar, at, task.dueAt),
    overdue: isTaskOverdue(task, asOf),
  };
  if (task.dueProvisional || calendar.unpublishedYears(at, task.dueAt).length) item.provisional = true;
  return item;
}

/** The most urgent first: fewest working days left; cases without a running deadline last, oldest first. */
function byUrgency(a: DispatchCase, b: DispatchCase): number {
  if (a.workingDaysLeft !== b.workingDaysLeft) {
    if (a.workingDaysLeft === null) return 1;
    if (b.workingDaysLeft === null) return -1;
    return a.workingDaysLeft - b.workingDaysLeft;
  }
  return a.submittedAt < b.submittedAt ? -1 : a.submittedAt > b.submittedAt ? 1 : 0;
}

const str = (value: unknown) => (value === null || value === undefined ? null : String(value));
