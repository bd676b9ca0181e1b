import { completionAcceptanceApplication } from '../fixtures/completion-acceptance.ts';
import { permitProject } from '../fixtures/construction-permit.ts';
import { approveAll, acceptedCase, createDraft, sendOk, type People } from './case-steps.ts';
import type { TestService } from './http.ts';

/** A construction permit that only planning and housing review: nothing below ground, no special fire works. */
export const minimalPermitForm = {
  landParcel: 'GX-2026-017',
  floorAreaM2: 18500,
  useCategory: 'industrial',
  constructionUnit: { uscc: '91310115591693856A', name: 'Changjiang Construction Engineering Co.' },
} as const;

/** The example's project with the enterprise's registered name, printed as the licence's holder. */
export const licensedProject = { ...permitProject, applicantName: '景德镇航空城构件有限公司' } as const;

/** A permit draft of the example's licensed project (planning and housing review it), submitted: its id. */
export async function submittedLicensedPermit(svc: TestService, who: People): Promise<string> {
  const id = await createDraft(svc, who.applicant, {
    workflow: 'construction-permit',
    project: licensedProject,
    form: minimalPermitForm,
  });
  await sendOk(svc, who.applicant, id, { type: 'SUBMIT' });
  return id;
}

/**
 * A construction permit filed by the example's enterprise, accepted and approved up to the window's issue (not
 * issued yet): concurrency tests issue many at once.
 */
export async function permitReadyToIssue(
  t: { svc: TestService; who: People },
  project: Record<string, unknown> = licensedProject,
): Promise<string> {
  const id = await acceptedCase(t.svc, t.who, {
    workflow: 'construction-permit',
    project,
    form: minimalPermitForm,
  });
  await approveAll(t.svc, t.who, id, ['planning', 'housing']);
  return id;
}

/**
 * Issues a construction permit through the real path (file, accept, approve, the window's ISSUE) and answers
 * the case and the number of the licence the issue produced: what a completion acceptance must cite.
 */
export async function issuedPermitLicence(
  t: { svc: TestService; who: People },
  project: Record<string, unknown> = licensedProject,
): Promise<{ caseId: string; number: string }> {
  const caseId = await permitReadyToIssue(t, project);
  await sendOk(t.svc, t.who.clerk('window'), caseId, { type: 'ISSUE' });
  const row = await t.svc.service.db.knex('licences').where({ application_id: caseId }).first('number');
  if (!row) throw new Error(`the issue of ${caseId} produced no licence`);
  return { caseId, number: String(row.number) };
}

/**
 * The completion-acceptance example citing a construction permit the enterprise really holds: a permit is
 * issued through the real path first, since the form must name a valid licence of the same holder.
 */
export async function licensedCompletionApplication(svc: TestService, who: People) {
  const body = completionAcceptanceApplication();
  const { number } = await issuedPermitLicence({ svc, who });
  body.form = { ...body.form, constructionPermitNo: number };
  return body;
}
