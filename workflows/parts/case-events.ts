/** Events every application takes: withdrawal and fees in any state, the extension while in review. */
import { and } from 'xstate';

/** The root's own transitions: the case's state is left as it is, except for withdrawal. */
export const caseEvents = {
  // The enterprise may withdraw at any moment until the case is concluded.
  WITHDRAW: { target: '.withdrawn' },
  // Fees are assessed and settled by the fees routes; the machine keeps count for ISSUE.
  FEE_ASSESSED: { actions: 'countFee' },
  FEE_SETTLED: { actions: 'settleFee' },
} as const;

/** The one lawful extension, which the window grants with reasons while the case is under review. */
export const extension = {
  EXTEND: { guard: and(['fromWindow', 'notYetExtended']), actions: 'recordExtension' },
} as const;

/** Who may send the shared events (the policy's 403 line): the enterprise, and the single window. */
export const casePermissions = {
  applicant: ['SUBMIT', 'SUPPLEMENT', 'WITHDRAW'],
  window: ['ACCEPT', 'ACCEPT_WITH_DEFICIENCIES', 'REQUEST_SUPPLEMENT', 'REFUSE', 'EXTEND', 'ISSUE'],
} as const;

/** The fee events only the fees routes send, with the route to use instead. */
export const feeRouteEvents = {
  FEE_ASSESSED: 'POST /api/v1/applications/:id/fees',
  FEE_SETTLED: 'POST /api/v1/applications/:id/fees/:feeId/pay or /waive',
} as const;
