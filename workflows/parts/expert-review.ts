/**
 * Expert review inside a department's review (特别程序): the department sends its part (a special fire design,
 * say) to experts with its reasons. Administrative Licensing Law art. 45: the time it takes is not counted in
 * the limit and the applicant is told in writing; MOHURD Order 51 art. 22 caps a fire design's expert review at
 * 20 working days. The review node gets a child `expertReview`, tagged `clock:special` (the case's and the
 * department's clocks stand still, counted apart from the applicant's time) and typed by its meta
 * `specialProcedure`. The experts' opinion (`RECORD_EXPERT_OPINION`) ends it; so does the cap, by a timer
 * (`EXPERT_REVIEW_CAP_REACHED`, recorded like any event): the stop ends and the clock runs again either way.
 *
 * One region per machine may hold the part: the cap's timer event names no region.
 */
import { cancel, raise, type MachineContext } from 'xstate';
import type { MachineEvent, SpecialProcedureMeta, WorkflowDeps } from '../../src/engine/workflow.ts';

/** The kind of special procedure the stop records (docs/api.md "How time is counted"). */
export const EXPERT_REVIEW = 'expert-review';

/** The cap of an expert review, in working days, with the rule that sets it. */
export interface ExpertReviewCap {
  capDays: number;
  source: string;
}

/** The name of the part's delay, which its timer uses. */
export type ExpertReviewDelay = 'expertReviewCap';

const TIMER = 'expert-review-cap';

/** What starts an expert review from the review's `reviewing` state; `guard` says who may. */
export function startExpertReview<TGuard>(guard: TGuard) {
  return {
    START_EXPERT_REVIEW: {
      guard,
      target: 'expertReview',
      actions: { type: 'notifyApplicant', params: { about: 'expert-review-started' } },
    },
  } as const;
}

/**
 * The `expertReview` state beside `reviewing`: `guard` says who may record the experts' opinion (the
 * department itself).
 */
export function expertReview<TGuard>(guard: TGuard, cap: ExpertReviewCap) {
  const meta: { specialProcedure: SpecialProcedureMeta } = {
    specialProcedure: { kind: EXPERT_REVIEW, capDays: cap.capDays, source: cap.source },
  };
  return {
    tags: ['clock:special'],
    meta,
    entry: 'scheduleExpertReviewCap',
    exit: 'cancelExpertReviewCap',
    on: {
      RECORD_EXPERT_OPINION: {
        guard,
        target: 'reviewing',
        actions: { type: 'notifyApplicant', params: { about: 'expert-review-ended' } },
      },
      EXPERT_REVIEW_CAP_REACHED: {
        target: 'reviewing',
        actions: { type: 'notifyApplicant', params: { about: 'expert-review-cap-reached' } },
      },
    },
  } as const;
}

/** The cap's timer, typed for the workflow's context `TContext`. */
export function expertReviewActions<TContext extends MachineContext>() {
  return {
    scheduleExpertReviewCap: raise<
      TContext,
      MachineEvent,
      MachineEvent,
      undefined,
      ExpertReviewDelay,
      ExpertReviewDelay
    >({ type: 'EXPERT_REVIEW_CAP_REACHED' } as MachineEvent, { id: TIMER, delay: 'expertReviewCap' }),
    cancelExpertReviewCap: cancel<TContext, MachineEvent, undefined, MachineEvent>(TIMER),
  };
}

/** The cap as a delay from the event that started the review; `deps` counts the working days. */
export function expertReviewDelays(
  deps: WorkflowDeps,
  cap: ExpertReviewCap,
): Record<ExpertReviewDelay, (args: { event: MachineEvent }) => number> {
  return {
    expertReviewCap: ({ event }) =>
      deps.workingDaysLater(event.at, cap.capDays).getTime() - Date.parse(event.at),
  };
}
