/**
 * The engine observer that fills a plan's stage milestones from approval events (issue 16, item 4: no double
 * entry): when a case of a project concludes with its result (a stage result status of src/projects/stages.ts),
 * each stage of its workflow (`stages` of the definition: land-planning `[1]`, construction-permit `[2, 3]`,
 * completion-acceptance `[4]`) gets the day of that event as its actual date, in the event's transaction. The
 * first case of a stage with its result gives the date; later ones leave it.
 */
import { dayToIso, shanghaiDay } from '../calendar/index.ts';
import type { WorkflowRegistry } from '../engine/registry.ts';
import type { EventObserver } from '../engine/types.ts';
import { STAGE_RESULT_STATUSES } from '../projects/stages.ts';
import { stageMilestone } from './milestones.ts';
import { fillStageActual } from './plan-store.ts';

/** The observer, over the registry that knows each workflow's stages. */
export function milestoneObserver(registry: WorkflowRegistry): EventObserver {
  return async (store, committed) => {
    const app = committed.application;
    if (!STAGE_RESULT_STATUSES.includes(app.status) || committed.previousStatus === app.status) return;
    const code = typeof app.project?.code === 'string' ? app.project.code : null;
    if (!code) return;
    const stages = registry.get(app.workflowId, app.workflowVersion).stages ?? [];
    const on = dayToIso(shanghaiDay(committed.at));
    for (const stage of stages) {
      const milestone = stageMilestone(stage);
      if (milestone)
        await fillStageActual(store, code, milestone, { on, applicationId: app.id, at: committed.at });
    }
  };
}
