/**
 * The four approval stages of a construction project (国办发〔2018〕33号) and how a project's cases fill them:
 * each workflow names the stages it covers (`stages: [2, 3]` for the parallel permit), a case stands in each of
 * its workflow's stages, and a stage is done once one of its cases is concluded with a decision.
 */

/** The stages, numbered as the national exchange numbers them. */
export const STAGES = [
  { stage: 1, en: 'Project approval and land-use planning permit', zh: '立项用地规划许可' },
  { stage: 2, en: 'Engineering construction permit', zh: '工程建设许可' },
  { stage: 3, en: 'Construction permit', zh: '施工许可' },
  { stage: 4, en: 'Completion acceptance', zh: '竣工验收' },
] as const;

/** Stages 1–3 precede the works; stage 4 follows them (浙江's split target). */
export const PRE_CONSTRUCTION_STAGES: readonly number[] = [1, 2, 3];

/** Where a stage stands. */
export type StageProgress = 'not-started' | 'in-progress' | 'done';

/**
 * The final statuses that are a stage's result: a permit `approved`, a completion acceptance `concluded` with
 * its certificate (docs/api.md, "Status"). The project's stages and the key projects' plan milestones
 * (src/task-forces/milestone-observer.ts) both read them here.
 */
export const STAGE_RESULT_STATUSES: readonly string[] = ['approved', 'concluded'];

const DONE: ReadonlySet<string> = new Set(STAGE_RESULT_STATUSES);
/** Statuses of a case that has ended without it. */
const ENDED = new Set(['denied', 'refused', 'withdrawn']);

/** Where a stage stands given the statuses of its cases. */
export function stageProgress(statuses: readonly string[]): StageProgress {
  if (statuses.some((s) => DONE.has(s))) return 'done';
  if (statuses.some((s) => s !== 'draft' && !ENDED.has(s))) return 'in-progress';
  return 'not-started';
}
