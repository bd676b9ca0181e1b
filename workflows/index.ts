/**
 * The workflows the service runs. The conventions the engine reads from a machine (`meta.task`, `clock:` and
 * `status:` tags, delayed raises as timers, named actions as outbox messages) and what it puts into events are
 * in workflows/README.md; the parts every application workflow shares are in `parts/`.
 */
import type { WorkingCalendar } from '../src/calendar/index.ts';
import { WorkflowRegistry } from '../src/engine/registry.ts';
import type { WorkflowDeps } from '../src/engine/workflow.ts';
import { completionAcceptance } from './completion-acceptance.ts';
import { constructionPermit, constructionPermitV2 } from './construction-permit-versions.ts';
import { creditRecord } from './credit-record.ts';
import { creditRepair } from './credit-repair.ts';
import { delegation } from './delegation.ts';
import { landPlanning } from './land-planning.ts';
import { investmentReview } from './investment-review.ts';
import { licence } from './licence.ts';
import { pledgeVerification } from './pledge-verification.ts';
import { ratingFollowUp } from './rating-follow-up.ts';

/** Every workflow version the service runs. Keep old versions here while any application still uses them. */
const workflows = [
  landPlanning,
  constructionPermit,
  constructionPermitV2,
  completionAcceptance,
  delegation,
  licence,
  // pledge (告知承诺制) and the credit register
  pledgeVerification,
  creditRecord,
  creditRepair,
  investmentReview,
  ratingFollowUp,
];

/** Builds the registry; the calendar turns working-day limits into delays. */
export function createRegistry(calendar: WorkingCalendar): WorkflowRegistry {
  const deps: WorkflowDeps = { workingDaysLater: (from, n) => calendar.dueAt(from, n) };
  return new WorkflowRegistry(workflows.map((build) => build(deps)));
}
