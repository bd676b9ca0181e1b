import type { WorkingCalendar } from '../src/calendar/index.ts';
import { WorkflowRegistry } from '../src/engine/registry.ts';
import type { WorkflowDeps } from '../src/engine/workflow.ts';
import { completionAcceptance } from './completion-acceptance.ts';
import { constructionPermit } from './construction-permit.ts';
import { delegation } from './delegation.ts';

/** Every workflow version the service runs. Keep old versions here while any application still uses them. */
const workflows = [constructionPermit, completionAcceptance, delegation];

/** Builds the registry; the calendar turns working-day limits into delays. */
export function createRegistry(calendar: WorkingCalendar): WorkflowRegistry {
  const deps: WorkflowDeps = { workingDaysLater: (from, n) => calendar.dueAt(from, n) };
  return new WorkflowRegistry(workflows.map((build) => build(deps)));
}
