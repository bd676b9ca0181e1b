/**
 * The single window's intake: it examines the submission within `caseLimits.intake` working days and accepts
 * it, accepts it with deficiencies under a pledge, asks once for everything missing, or refuses it.
 */
import { and } from 'xstate';
import { caseLimits } from './case-context.ts';

/**
 * The `intake` state of the machine `root` (its `#id`): acceptance goes to `accepted`, refusal to `refused`.
 * `onAccept` names the workflow's own actions run on either acceptance, before the pledge is recorded.
 */
export function intake<const TAction extends string = never>(
  root: string,
  onAccept: readonly TAction[] = [],
) {
  return {
    tags: ['status:submitted'],
    meta: {
      task: { department: 'window', action: 'intake', limitDays: caseLimits.intake },
      source: 'Administrative Licensing Law art. 32',
    },
    initial: 'examining',
    states: {
      examining: {
        on: {
          ACCEPT: { guard: 'fromWindow', target: `${root}.accepted`, actions: onAccept },
          ACCEPT_WITH_DEFICIENCIES: {
            guard: 'fromWindow',
            target: `${root}.accepted`,
            actions: [...onAccept, 'recordDeficiencies'],
          },
          REQUEST_SUPPLEMENT: {
            guard: and(['fromWindow', 'intakeSupplementNotYetAsked']),
            target: 'awaitingSupplement',
            actions: [
              'recordIntakeSupplementRequest',
              { type: 'notifyApplicant', params: { about: 'supplement-requested' } },
            ],
          },
        },
      },
      awaitingSupplement: { tags: ['clock:applicant'], on: { SUPPLEMENT: 'examining' } },
    },
    on: { REFUSE: { guard: 'fromWindow', target: 'refused' } },
  } as const;
}
