/**
 * The milestones of a project's plan (issue 16, item 4), in the order a project passes them: the first three approval
 * stages of 国办发〔2018〕33号 between the code being assigned and the works starting, the fourth (completion
 * acceptance) between completion and production. A stage's result is
 * filled by the engine when a case of that stage concludes approved; the others are entered by the task force.
 */

/** Every milestone of a plan, in order. */
export const MILESTONES = [
  'signing',
  'land-supply',
  'code-assigned',
  'stage-1',
  'stage-2',
  'stage-3',
  'works-started',
  'topped-out',
  'completion',
  'stage-4',
  'production',
] as const;

/** One milestone of {@link MILESTONES}. */
export type Milestone = (typeof MILESTONES)[number];

/** The milestones whose actual date only approval events give: nobody enters them (no double entry). */
export const STAGE_MILESTONES: readonly Milestone[] = ['stage-1', 'stage-2', 'stage-3', 'stage-4'];

/** The milestones the lead unit's clerks or the resident officer enter by hand. */
export const ENTERED_MILESTONES: readonly Milestone[] = MILESTONES.filter(
  (m) => !STAGE_MILESTONES.includes(m),
);

/** The Chinese name of each milestone, as the PDFs, messages and the console print it. */
export const MILESTONE_ZH: Record<Milestone, string> = {
  signing: '项目签约',
  'land-supply': '土地供应',
  'code-assigned': '赋码',
  'stage-1': '立项用地规划许可',
  'stage-2': '工程建设许可',
  'stage-3': '施工许可',
  'stage-4': '竣工验收',
  'works-started': '开工',
  'topped-out': '主体封顶',
  completion: '竣工',
  production: '投产',
};

/** True for a milestone of {@link MILESTONES}. */
export function isMilestone(value: string): value is Milestone {
  return (MILESTONES as readonly string[]).includes(value);
}

/** The milestone a stage's result fills (stages 1–4 of a workflow definition's `stages`); null for others. */
export function stageMilestone(stage: number | string): Milestone | null {
  const name = `stage-${String(stage)}`;
  return isMilestone(name) && STAGE_MILESTONES.includes(name) ? name : null;
}
