/**
 * Parts every application workflow shares (intake, pledged papers, extension, fees, issuing, outcomes, expert review), built
 * once: the context and limits, the named implementations, and state configs built from each workflow's
 * particulars. A workflow spreads the implementations into its `setup` and places the states in its machine.
 */
export { caseEvents, casePermissions, extension, feeRouteEvents } from './case-events.ts';
export { caseLimits, initialCaseContext, type CaseContext } from './case-context.ts';
export { caseActions, caseDelays, caseGuards, type CaseDelay } from './case-implementations.ts';
export {
  expertReview,
  expertReviewActions,
  expertReviewDelays,
  startExpertReview,
  type ExpertReviewCap,
} from './expert-review.ts';
export { intake } from './intake.ts';
export { issuing } from './issuing.ts';
export { outcome } from './outcome.ts';
export { decidedBy, pledgedPapers } from './pledged-papers.ts';
