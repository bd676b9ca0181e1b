/**
 * The engine observer that fills a plan's stage milestones from approval events (issue 16, item 4: no double
 * entry): when a case of a project concludes with its result (approved, or concluded with its certificate), each stage of its workflow (`stages` of the definition,
 * e.g. construction-permit `[2, 3]`) gets the day of that event as its actual date, in the event's transaction.
 * The first approved case of a stage gives the date; later ones leave it.
 */
import { dayToIso, shanghaiDay } from '../calendar/index.ts';
import type { WorkflowRegistry } from '../engine/registry.ts';
import type { EventObserver } from '../engine/types.ts';
import { stageMilestone } from './milestones.ts';
import { fillStageActual } from './plan-store.ts';

/**
 * The final statuses that are a stage's positive result: a permit `approved`, a completion acceptance
 * `concluded` with its certificate (docs/api.md, "Status"); denials, refusals and withdrawals are not.
 */
const RESULT_STATUSES: readonly string[] = ['approved', 'concluded'];

/** The observer, over the registry that knows each workflow's stages. */
export function milestoneObserver(registry: WorkflowRegistry): EventObserver {
  return async (store, committed) => {
    const app = committed.application;
    if (!RESULT_STATUSES.includes(app.status) || committed.previousStatus === app.status) return;
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
