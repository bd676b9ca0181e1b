/**
 * The case after its review: the window issues the one result once every region is done and every
 * assessed fee is paid or waived, within `caseLimits.issue` working days.
 */
import { and } from 'xstate';
import { caseLimits } from './case-context.ts';

/** The `issuing` state: ISSUE leads to `target` (an `#id` path) and tells the applicant `about`. */
export function issuing(target: string, about: string) {
  return {
    meta: {
      task: { department: 'window', action: 'issue', limitDays: caseLimits.issue },
      source: 'local choice',
    },
    on: {
      ISSUE: {
        guard: and(['fromWindow', 'feesSettled']),
        target,
        actions: { type: 'notifyApplicant', params: { about } },
      },
    },
  } as const;
}
