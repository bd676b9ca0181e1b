/**
 * The key projects' part of the supervision rhythm (一周一调度、半月一督查、一月一通报; issue 16, item 7): the
 * weekly dispatch agenda, the biweekly supervision findings and the monthly bulletin's projects, lights and
 * issue closure rates. Lights are those of the day asked for, from the same verdict as the sweep.
 */
import {
  civilFromDay,
  dayFromCivil,
  dayToIso,
  isoToDay,
  startOfDay,
  type WorkingCalendar,
} from '../calendar/index.ts';
import type { Database } from '../db/index.ts';
import type { Light, LightReason } from './evaluate-light.ts';
import { escalatedIssues, issueFigures, overdueIssues, type Issue } from './issues-store.ts';
import { projectVerdict } from './light-sweep.ts';
import { keyProjects } from './project-facts.ts';
import { projectNames } from './project-names.ts';
import type { LightRules } from './supervision-rules.ts';

/** What the rhythm reads. */
export interface RhythmDeps {
  db: Database;
  calendar: WorkingCalendar;
  rules: LightRules;
  /** The stage workflows, whose open cases are the approvals due. */
  workflows: readonly string[];
}

/** A project lit yellow or red on the day, with why. */
export interface LitProject {
  projectCode: string;
  name: string;
  light: Light;
  reasons: LightReason[];
  plannedProgress: number;
  actualProgress: number;
}

/** An open case of a key project due within the week (or already late). */
export interface DueApproval {
  id: string;
  projectCode: string;
  workflow: string;
  dueAt: string;
  overdue: boolean;
}

/** Working days ahead within which a key project's case is on the weekly agenda: the week until the next dispatch. */
export const AGENDA_WORKING_DAYS = 5;

async function litProjects(deps: RhythmDeps, today: string): Promise<LitProject[]> {
  const codes = await keyProjects(deps.db);
  const names = await projectNames(deps.db, codes);
  const lit: LitProject[] = [];
  for (const code of codes) {
    const v = await projectVerdict(deps.db, deps.rules, code, today);
    if (!v) continue;
    lit.push({
      projectCode: code,
      name: names.get(code) ?? code,
      light: v.light,
      reasons: v.reasons,
      plannedProgress: v.plannedProgress,
      actualProgress: v.actualProgress,
    });
  }
  return lit;
}

/** The weekly dispatch agenda of `at`: red and yellow projects, overdue and escalated issues, approvals due. */
export async function weeklyProjectAgenda(deps: RhythmDeps, at: string) {
  const lit = await litProjects(deps, at);
  const codes = await keyProjects(deps.db);
  const horizon = deps.calendar.dueAt(startOfDay(isoToDay(at)), AGENDA_WORKING_DAYS).toISOString();
  const now = startOfDay(isoToDay(at)).toISOString();
  const rows: Array<Record<string, unknown>> = codes.length
    ? await deps.db
        .knex('applications')
        .whereIn('project_code', codes)
        .whereIn('workflow_id', deps.workflows)
        .whereNull('concluded_at')
        .whereNotNull('due_at')
        .where('due_at', '<=', horizon)
        .orderBy('due_at')
        .select('id', 'project_code', 'workflow_id', 'due_at')
    : [];
  const approvalsDue: DueApproval[] = rows.map((r) => ({
    id: String(r.id),
    projectCode: String(r.project_code),
    workflow: String(r.workflow_id),
    dueAt: String(r.due_at),
    overdue: String(r.due_at) < now,
  }));
  return {
    report: 'weekly-projects' as const,
    at,
    red: lit.filter((p) => p.light === 'red'),
    yellow: lit.filter((p) => p.light === 'yellow'),
    overdueIssues: await overdueIssues(deps.db, at),
    escalatedIssues: await escalatedIssues(deps.db),
    approvalsDue,
  };
}

/** The biweekly supervision findings of the 14 days up to `at`: lights, changes, escalated and overdue issues. */
export async function biweeklyProjectFindings(deps: RhythmDeps, at: string) {
  const from = dayToIso(isoToDay(at) - 13);
  const lit = await litProjects(deps, at);
  return {
    report: 'biweekly-projects' as const,
    at,
    from,
    red: lit.filter((p) => p.light === 'red'),
    yellow: lit.filter((p) => p.light === 'yellow'),
    lightChanges: await lightChanges(deps.db, from, at),
    escalatedIssues: await escalatedIssues(deps.db),
    overdueIssues: await overdueIssues(deps.db, at),
  };
}

/** The monthly bulletin's projects for the month of `at`: lights counted, changes, issue closure rate. */
export async function monthlyProjectBulletin(deps: RhythmDeps, at: string) {
  const { year, month } = civilFromDay(isoToDay(at));
  const first = dayFromCivil(year, month, 1);
  const next = month === 12 ? dayFromCivil(year + 1, 1, 1) : dayFromCivil(year, month + 1, 1);
  const lit = await litProjects(deps, at);
  const count = (light: Light) => lit.filter((p) => p.light === light).length;
  const issues = await issueFigures(deps.db, startOfDay(first).toISOString(), startOfDay(next).toISOString());
  return {
    report: 'monthly-projects' as const,
    at,
    month: `${year}-${String(month).padStart(2, '0')}`,
    projects: lit,
    lights: { green: count('green'), yellow: count('yellow'), red: count('red') },
    lightChanges: await lightChanges(deps.db, dayToIso(first), dayToIso(next - 1)),
    issues,
  };
}

/** Every stored light change between two days (inclusive), oldest first. */
async function lightChanges(db: Database, from: string, to: string) {
  const rows: Array<Record<string, unknown>> = await db
    .knex('project_lights')
    .where('evaluated_on', '>=', from)
    .where('evaluated_on', '<=', to)
    .orderBy('id');
  return rows.map((r) => ({
    projectCode: String(r.project_code),
    light: r.light as Light,
    previous: (r.previous as Light | null) ?? null,
    evaluatedOn: String(r.evaluated_on),
    recovery: r.light === 'green' || (r.previous === 'red' && r.light === 'yellow'),
  }));
}

/** The issue the reports list, as it is. */
export type RhythmIssue = Issue;
