/** The words of everyday use in English, key for key with `zh-everyday.ts`. */
import type { zhEveryday } from './zh-everyday.ts';

export const enEveryday: Record<keyof typeof zhEveryday, string> = {
  'stages.label': 'How the case proceeds',
  'stages.detail': 'Show the full statechart (for technical staff)',
  'stages.draft': 'Filing',
  'stages.intake': 'Intake at the window',
  'stages.inspection': 'Joint inspection by the departments',
  'stages.review': 'Parallel review by the departments',
  'stages.fees': 'Fees',
  'stages.issue': 'Issuing',
  'stages.result': 'Result',
  'stages.here': 'You are here',
  'stages.done': '(done)',
  'stages.waiting': '(not started)',
  'stages.skipped': 'not reached',
  'stages.noFees': 'no fees',
  'stages.departmentsLater': 'Which departments review the case is decided at intake.',
  'stages.parallel': 'Departments reviewing at the same time',
  'stages.inReview': 'in review',
  'stages.notStarted': 'not started',
  'localDraft.restored':
    'What you typed here last time and did not save has been restored. It is not saved yet: check it, then save or submit.',
  'localDraft.discard': 'Discard it',
  'localDraft.submitted': 'This case has been submitted and can no longer be edited; here is the case.',
  'confirm.cancel': 'Cancel',
  'confirm.decisionTitle': '“{action}”: are you sure?',
  'confirm.decisionBody': 'This cannot be undone; the applicant receives the written decision at once.',
  'confirm.withdrawBody': 'Withdrawing ends the case for good; filing again means a new application.',
  'confirm.revokeTitle': 'Revoke this delegation?',
  'confirm.revokeBody': 'The agent loses access to the enterprise’s cases at once.',
  'confirm.refuseTitle': 'Refuse this delegation?',
  'confirm.refuseBody': 'The delegation ends; the enterprise must ask again.',
  'uscc.checkDigit':
    'Please check: from the first 17 characters the 18th (check character) should be {expected}, not {actual}.',
  'uscc.uppercased': 'Changed to capital letters.',
  'signIn.tokenRefused': 'The token just used was not accepted; please sign in again.',
  'signIn.why.signature':
    'Why: its signature does not verify: it was not issued by an identity provider this service trusts, or it was altered.',
  'signIn.why.expired': 'Why: it has expired.',
  'signIn.why.other': 'Why: it does not meet this service’s requirements (issuer, audience or lifetime).',
  'next.waitInspection': 'Nothing to do: the departments are inspecting the works together.',
};
