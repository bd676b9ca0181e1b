/**
 * Biweekly supervision (半月一督查): the open tasks that are late or at risk, by department, with the key
 * projects' figures of the 14 days up to `at`.
 */
import { endOfDay, isoToDay } from '../calendar/index.ts';
import { toTask } from '../engine/records.ts';
import { isTaskOverdue } from '../timing/case-timing.ts';
import { keyProjectFigures, type KeyProjectFigures } from './key-projects.ts';
import type { ReportDeps } from './report-deps.ts';
import { workingDaysLeft } from './reports.ts';

/** Working days within which an open task counts as at risk (docs/domain.md: "due within 2 working days"). */
export const AT_RISK_WORKING_DAYS = 2;

/** A late or at-risk task on the biweekly list. */
export interface WatchItem {
  taskId: number;
  applicationId: string;
  workflow: string;
  project: { code: string | null; name: string | null };
  step: string;
  node: string;
  openedAt: string;
  dueAt: string;
  overdue: boolean;
  /** Negative once past due. */
  workingDaysLeft: number;
  /** Working days past the due day; 0 while not overdue. */
  workingDaysLate: number;
  provisional?: true;
}

/** One department's late and at-risk tasks. */
export interface WatchDepartment {
  department: string;
  name: string;
  overdue: number;
  atRisk: number;
  items: WatchItem[];
}

/** `GET /api/v1/reports/biweekly`. */
export interface BiweeklyReport {
  report: 'biweekly';
  at: string;
  atRiskWorkingDays: number;
  /** The last due day that counts as at risk. */
  atRiskThrough: string;
  summary: { overdue: number; atRisk: number };
  departments: WatchDepartment[];
  /** The key projects' lights and issues of the 14 days up to `at`. */
  keyProjects: KeyProjectFigures;
}

/**
 * Biweekly supervision (半月一督查): open tasks whose clock runs and that are past due or due within
 * {@link AT_RISK_WORKING_DAYS} working days of `at`, by department (only departments with such tasks).
 */
export async function biweeklyWatchList(deps: ReportDeps, at: string): Promise<BiweeklyReport> {
  const { db, calendar } = deps;
  const knex = db.knex;
  const horizon = calendar.dueAt(at, AT_RISK_WORKING_DAYS);
  const [rows, departments, keyProjects] = await Promise.all([
    knex('tasks as t')
      .join('applications as a', 'a.id', 't.application_id')
      .where('t.status', 'open')
      // A stopped clock is the applicant's turn: its deadline has not come and will move back.
      .whereNull('t.clock_stopped_since')
      .where('t.due_at', '<=', horizon.toISOString())
      .orderBy([{ column: 't.due_at' }, { column: 't.id' }])
      .select('t.*', 'a.workflow_id as case_workflow', 'a.project as case_project'),
    knex('departments').select('code', 'name'),
    keyProjectFigures(deps, 'biweekly', at),
  ]);
  const names = new Map(departments.map((d: { code: string; name: string }) => [d.code, d.name]));
  const asOf = endOfDay(isoToDay(at));
  const byDepartment = new Map<string, WatchDepartment>();
  for (const row of rows) {
    const task = toTask(row, db.dialect);
    const project = db.dialect.readJson<Record<string, unknown>>(row.case_project) ?? {};
    const left = workingDaysLeft(calendar, at, task.dueAt);
    const overdue = isTaskOverdue(task, asOf);
    const item: WatchItem = {
      taskId: task.id,
      applicationId: task.applicationId,
      workflow: String(row.case_workflow),
      project: { code: str(project.code), name: str(project.name) },
      step: task.action,
      node: task.node,
      openedAt: task.openedAt,
      dueAt: task.dueAt,
      overdue,
      workingDaysLeft: left,
      workingDaysLate: Math.max(0, -left),
    };
    if (task.dueProvisional) item.provisional = true;
    const group = byDepartment.get(task.department) ?? {
      department: task.department,
      name: names.get(task.department) ?? task.department,
      overdue: 0,
      atRisk: 0,
      items: [],
    };
    group.items.push(item);
    if (overdue) group.overdue++;
    else group.atRisk++;
    byDepartment.set(task.department, group);
  }
  // The departments with the most late work head the list.
  const groups = [...byDepartment.values()].sort(
    (a, b) => b.overdue - a.overdue || b.atRisk - a.atRisk || a.department.localeCompare(b.department),
  );
  return {
    report: 'biweekly',
    at,
    atRiskWorkingDays: AT_RISK_WORKING_DAYS,
    atRiskThrough: calendar.addWorkingDays(at, AT_RISK_WORKING_DAYS),
    summary: {
      overdue: groups.reduce((n, g) => n + g.overdue, 0),
      atRisk: groups.reduce((n, g) => n + g.atRisk, 0),
    },
    departments: groups,
    keyProjects,
  };
}

const str = (value: unknown) => (value === null || value === undefined ? null : String(value));
