/**
 * The ratings' engine observer (docs/architecture.md, "Observers"): every event of a follow-up case, on every
 * path (a request, the contact timer), copies the follow-up's outcome onto its rating in the same transaction,
 * so that the figures read one table.
 */
import type { EventObserver } from '../engine/types.ts';
import type { RatingFollowUpContext } from '../../workflows/rating-follow-up.ts';
import { recordFollowUpOutcome } from './store.ts';

/** The workflow whose cases are the follow-ups of bad ratings. */
export const FOLLOW_UP_WORKFLOW = 'rating-follow-up';

/** Builds the observer the service registers with `engine.observe`. */
export function ratingFollowUpObserver(): EventObserver {
  return async (store, committed) => {
    const app = committed.application;
    if (app.workflowId !== FOLLOW_UP_WORKFLOW || committed.type === 'CREATE') return;
    const context = committed.after.context as RatingFollowUpContext;
    await recordFollowUpOutcome(store, {
      followUpId: app.id,
      status: app.status,
      // On time: answered to the rater by the end of the follow-up's limit.
      rectifiedOnTime:
        context.answeredAt === null ? null : Date.parse(context.answeredAt) <= Date.parse(context.dueAt),
      followUpLevel: context.followUpLevel,
      ...(app.status === 'excluded' ? { excluded: { at: committed.at, reason: committed.comment } } : {}),
    });
  };
}
