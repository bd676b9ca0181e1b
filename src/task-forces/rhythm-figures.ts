/**
 * What the key projects' rhythm is made of, computed in one place: each project's light on a day (the same
 * verdict as the sweep), the light changes of a period, and the figures a report counts from them. The
 * projects' own reports (rhythm.ts) list the projects and issues; the general weekly, biweekly and monthly
 * reports (src/metrics/) carry the same figures, counted by {@link rhythmFigures} here, never again there.
 */
import { civilFromDay, dayFromCivil, dayToIso, endOfDay, isoToDay, startOfDay } from '../calendar/index.ts';
import type { Database } from '../db/index.ts';
import type { Light, LightReason } from './evaluate-light.ts';
import { escalatedIssues, issueFigures, openIssueCount, overdueIssues } from './issues-store.ts';
import { projectVerdict } from './light-sweep.ts';
import { keyProjects } from './project-facts.ts';
import { projectNames } from './project-names.ts';
import type { LightRules } from './supervision-rules.ts';

/** What the figures read: the database and the rules of the lights. */
export interface FiguresDeps {
  db: Database;
  rules: LightRules;
}

/** A project lit on the day, with why. */
export interface LitProject {
  projectCode: string;
  name: string;
  light: Light;
  reasons: LightReason[];
  plannedProgress: number;
  actualProgress: number;
}

/** A stored light change, and whether it is a recovery. */
export interface LightChangeLine {
  projectCode: string;
  light: Light;
  previous: Light | null;
  evaluatedOn: string;
  recovery: boolean;
}

/** The rhythm's three reports: a week, a supervision period of 14 days, a calendar month. */
export type RhythmReport = 'weekly' | 'biweekly' | 'monthly';

/** The days a report of `at` covers, both inclusive: the 7 or 14 days up to `at`, or the month of `at`. */
export function rhythmPeriod(report: RhythmReport, at: string): { from: string; to: string } {
  const day = isoToDay(at);
  if (report === 'weekly') return { from: dayToIso(day - 6), to: at };
  if (report === 'biweekly') return { from: dayToIso(day - 13), to: at };
  const { year, month } = civilFromDay(day);
  const next = month === 12 ? dayFromCivil(year + 1, 1, 1) : dayFromCivil(year, month + 1, 1);
  return { from: dayToIso(dayFromCivil(year, month, 1)), to: dayToIso(next - 1) };
}

/** Every key project with a plan in force, lit as on `today`. */
export async function litProjects(deps: FiguresDeps, today: string): Promise<LitProject[]> {
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

/** Every stored light change between two days (inclusive), oldest first. */
export async function lightChanges(db: Database, from: string, to: string): Promise<LightChangeLine[]> {
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

/** The key projects' figures of a report: lights, light changes and the issue list of its period. */
export interface KeyProjectFigures {
  /** The period's first and last day. */
  from: string;
  to: string;
  /** Key projects with a plan in force, lit as on `at`. */
  projects: number;
  lights: Record<Light, number>;
  lightChanges: number;
  recoveries: number;
  issues: {
    /** Unresolved at the end of `at`. */
    open: number;
    /** Unresolved past their deadline on `at`. */
    overdue: number;
    /** Unresolved and escalated to the responsible leader. */
    escalated: number;
    raised: number;
    /** Resolved in the period: the issues closed. */
    resolved: number;
    resolvedOfRaised: number;
    /** Of the issues raised in the period, the share resolved; null when none was raised. */
    closureRate: number | null;
  };
}

/** The figures from lights already made (a project report has them), for the period of `report`. */
export async function figuresOf(
  db: Database,
  lit: readonly LitProject[],
  report: RhythmReport,
  at: string,
): Promise<KeyProjectFigures> {
  const { from, to } = rhythmPeriod(report, at);
  const count = (light: Light) => lit.filter((p) => p.light === light).length;
  const [changes, overdue, escalated, open, period] = await Promise.all([
    lightChanges(db, from, to),
    overdueIssues(db, at),
    escalatedIssues(db),
    openIssueCount(db, endOfDay(isoToDay(at)).toISOString()),
    issueFigures(db, startOfDay(isoToDay(from)).toISOString(), startOfDay(isoToDay(to) + 1).toISOString()),
  ]);
  return {
    from,
    to,
    projects: lit.length,
    lights: { green: count('green'), yellow: count('yellow'), red: count('red') },
    lightChanges: changes.length,
    recoveries: changes.filter((c) => c.recovery).length,
    issues: { open, overdue: overdue.length, escalated: escalated.length, ...period },
  };
}

/** The key projects' figures of the general report `report` of `at`. */
export async function rhythmFigures(
  deps: FiguresDeps,
  report: RhythmReport,
  at: string,
): Promise<KeyProjectFigures> {
  return figuresOf(deps.db, await litProjects(deps, at), report, at);
}
