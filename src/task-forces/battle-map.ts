/**
 * The battle map (挂图作战, issue 16 item 8): one row per key project with its milestones planned against
 * actual, its light and its stage, filtered by task force member and by stage.
 */
import type { Database } from '../db/index.ts';
import type { Light } from './evaluate-light.ts';
import { membersOf, type Member } from './members-store.ts';
import { projectPlanView, type MilestoneRow } from './project-plan-view.ts';
import type { LightRules } from './supervision-rules.ts';

/** One project's row. */
export interface BattleMapRow {
  projectCode: string;
  name: string;
  light: Light | null;
  plannedProgress: number | null;
  actualProgress: number | null;
  stage: number | null;
  milestones: MilestoneRow[];
  members: Member[];
}

/** The filters: a member (user id, or a lead unit's department code) and the stage the project is in. */
export interface BattleMapFilter {
  member?: string;
  stage?: number;
}

/** The rows of `codes` (the projects the caller may read) on `today` that pass the filters. */
export async function battleMapRows(
  db: Database,
  rules: LightRules,
  codes: readonly string[],
  today: string,
  filter: BattleMapFilter,
  workflows: readonly string[],
): Promise<BattleMapRow[]> {
  const rows: BattleMapRow[] = [];
  for (const code of codes) {
    const members = await membersOf(db, code);
    if (
      filter.member &&
      !members.some((m) => m.sub === filter.member || (m.role === 'lead-unit' && m.org === filter.member))
    ) {
      continue;
    }
    const view = await projectPlanView(db, rules, code, today, workflows);
    if (filter.stage !== undefined && view.stage !== filter.stage) continue;
    rows.push({
      projectCode: code,
      name: view.name,
      light: view.light?.light ?? null,
      plannedProgress: view.light?.plannedProgress ?? null,
      actualProgress: view.light?.actualProgress ?? null,
      stage: view.stage,
      milestones: view.milestones,
      members,
    });
  }
  return rows;
}
