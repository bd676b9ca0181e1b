/**
 * A key project's plan as the API and the battle map show it: every milestone with its planned date (the
 * baseline in force) and its actual date, the light today with its reasons, the stored light history, the
 * baselines (old ones kept) and where the time went.
 */
import type { Database } from '../db/index.ts';
import { projectVerdict, lightHistory, type LightChange } from './light-sweep.ts';
import type { LightVerdict } from './evaluate-light.ts';
import { MILESTONES, MILESTONE_ZH, STAGE_MILESTONES, type Milestone } from './milestones.ts';
import { actualsOf, baselinesOf, type Baseline } from './plan-store.ts';
import { projectDelays, type ProjectDelays } from './project-delays.ts';
import { projectRef } from './project-names.ts';
import type { LightRules } from './supervision-rules.ts';

/** One milestone's row. */
export interface MilestoneRow {
  milestone: Milestone;
  name: string;
  plannedOn: string | null;
  actualOn: string | null;
  /** `case`: an approved case gave it; `entry`: the task force entered it; null while not reached. */
  source: 'case' | 'entry' | null;
  applicationId: string | null;
}

/** `GET /api/v1/projects/{code}/plan`. */
export interface ProjectPlanView {
  projectCode: string;
  name: string;
  /** The version in force; null before the first baseline. */
  version: number | null;
  milestones: MilestoneRow[];
  /** The light on the day asked for; null without a baseline in force. */
  light: LightVerdict | null;
  lightHistory: LightChange[];
  baselines: Baseline[];
  /** The stage the project is in: the first stage without a result; null once all four have one. */
  stage: number | null;
  delays: ProjectDelays;
}

/** The plan of one project on `today`; `workflows` are the stage workflows whose cases count. */
export async function projectPlanView(
  db: Database,
  rules: LightRules,
  code: string,
  today: string,
  workflows: readonly string[],
): Promise<ProjectPlanView> {
  const [project, baselines, actuals, light, history, delays] = await Promise.all([
    projectRef(db, code),
    baselinesOf(db, code),
    actualsOf(db, code),
    projectVerdict(db, rules, code, today),
    lightHistory(db, code),
    projectDelays(db, [code], workflows),
  ]);
  const inForce = baselines.find((b) => b.status === 'in-force') ?? null;
  const milestones = MILESTONES.map((m): MilestoneRow => ({
    milestone: m,
    name: MILESTONE_ZH[m],
    plannedOn: inForce?.planned[m] ?? null,
    actualOn: actuals[m]?.on ?? null,
    source: actuals[m]?.source ?? null,
    applicationId: actuals[m]?.applicationId ?? null,
  }));
  const open = STAGE_MILESTONES.find((m) => !actuals[m]);
  return {
    projectCode: code,
    name: project.name,
    version: inForce?.version ?? null,
    milestones,
    light,
    lightHistory: history,
    baselines,
    stage: open ? Number(open.slice('stage-'.length)) : null,
    delays: delays.get(code)!,
  };
}
