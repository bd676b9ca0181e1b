/**
 * Papers accepted as missing under a pledge (容缺受理): a region beside the departments' own. The papers are
 * due by the pledge date; if they have not arrived the case is suspended, its clock stops, and after
 * `caseLimits.suspensionReturn` working days it is returned (refused) unless they arrive first.
 */
import { and, not, stateIn } from 'xstate';

/** The `deficiencies` region of the review's parallel node; `root` is the `#id` of the machine. */
export function pledgedPapers(root: string) {
  return {
    initial: 'checking',
    states: {
      checking: { always: [{ guard: 'hasDeficiencies', target: 'pledged' }, { target: 'none' }] },
      pledged: {
        entry: 'schedulePledgeCheck',
        exit: 'cancelPledgeCheck',
        on: { SUPPLEMENT: 'delivered', PLEDGE_DUE: 'suspended' },
      },
      suspended: {
        tags: ['clock:applicant', 'status:suspended'],
        entry: ['scheduleReturn', { type: 'notifyApplicant', params: { about: 'suspended' } }],
        exit: 'cancelReturn',
        on: { SUPPLEMENT: 'delivered', SUSPENSION_LAPSED: `${root}.refused` },
      },
      delivered: { type: 'final' },
      none: { type: 'final' },
    },
  } as const;
}

/**
 * Only the event's own department acts in its region, and nobody decides while the case is suspended;
 * `parallelId` is the `#id` path of the parallel node holding the `deficiencies` region.
 */
export function decidedBy(parallelId: string, department: string) {
  return and([
    { type: 'fromDepartment', params: { department } },
    not(stateIn(`${parallelId}.deficiencies.suspended`)),
  ]);
}
