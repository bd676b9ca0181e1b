/**
 * The key projects' part of the supervision rhythm (一周一调度、半月一督查、一月一通报; issue 16, item 7): the
 * weekly dispatch agenda, the biweekly supervision findings and the monthly bulletin's projects, lights and
 * issue closure rates. Lights are those of the day asked for, from the same verdict as the sweep. Each carries
 * the `figures` of its period (rhythm-figures.ts), the same the general reports carry.
 */
import { isoToDay, startOfDay, type WorkingCalendar } from '../calendar/index.ts';
import type { Database } from '../db/index.ts';
import { escalatedIssues, overdueIssues, type Issue } from './issues-store.ts';
import { keyProjects } from './project-facts.ts';
import { figuresOf, lightChanges, litProjects, rhythmPeriod } from './rhythm-figures.ts';
import type { LightRules } from './supervision-rules.ts';

export type { LitProject } from './rhythm-figures.ts';

/** What the rhythm reads. */
export interface RhythmDeps {
  db: Database;
  calendar: WorkingCalendar;
  rules: LightRules;
  /** The stage workflows, whose open cases are the approvals due. */
  workflows: readonly string[];
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
    figures: await figuresOf(deps.db, lit, 'weekly', at),
  };
}

/** The biweekly supervision findings of the 14 days up to `at`: lights, changes, escalated and overdue issues. */
export async function biweeklyProjectFindings(deps: RhythmDeps, at: string) {
  const { from } = rhythmPeriod('biweekly', at);
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
    figures: await figuresOf(deps.db, lit, 'biweekly', at),
  };
}

/** The monthly bulletin's projects for the month of `at`: lights counted, changes, issue closure rate. */
export async function monthlyProjectBulletin(deps: RhythmDeps, at: string) {
  const { from, to } = rhythmPeriod('monthly', at);
  const lit = await litProjects(deps, at);
  const figures = await figuresOf(deps.db, lit, 'monthly', at);
  const { raised, resolved, resolvedOfRaised, closureRate } = figures.issues;
  return {
    report: 'monthly-projects' as const,
    at,
    month: from.slice(0, 7),
    projects: lit,
    lights: figures.lights,
    lightChanges: await lightChanges(deps.db, from, to),
    issues: { raised, resolved, resolvedOfRaised, closureRate },
    figures,
  };
}

/** The issue the reports list, as it is. */
export type RhythmIssue = Issue;
