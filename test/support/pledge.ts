/** Approval on pledge through the real API: the form that pledges, and a case carried to its verification. */
import { expect } from 'chai';
import { createDraft, sendOk, type People, type TestService } from './http.ts';
import { licensedProject, minimalPermitForm } from './licences.ts';

/** Where the verifications are listed. */
export const VERIFICATIONS = '/api/v1/pledge-verifications';

/** The offer in force, and a form that pledges for what it offers on its text. */
export async function pledgedForm(svc: TestService) {
  const offer = await svc.request('GET', '/api/v1/pledge-offers/construction-permit');
  expect(offer.status).to.equal(200);
  return {
    ...minimalPermitForm,
    approvalOnPledge: { items: ['housing'], textId: offer.body.text.id, textSha256: offer.body.text.sha256 },
  };
}

/** A permit filed on pledge, accepted, approved by planning and issued: answers the case and its verification. */
export async function issuedOnPledge(t: {
  svc: TestService;
  who: People;
}): Promise<{ caseId: string; verification: any; number: string }> {
  const caseId = await createDraft(t.svc, t.who.applicant, {
    workflow: 'construction-permit',
    project: licensedProject,
    form: await pledgedForm(t.svc),
  });
  await sendOk(t.svc, t.who.applicant, caseId, { type: 'SUBMIT' });
  await sendOk(t.svc, t.who.clerk('window'), caseId, { type: 'ACCEPT' });
  // Housing decided at once on the pledge: only planning still reviews.
  const detail = await t.svc.request('GET', `/api/v1/applications/${caseId}`, { token: t.who.auditor });
  expect(detail.body.state.accepted.review.housing).to.equal('approved');
  await sendOk(t.svc, t.who.clerk('planning'), caseId, { type: 'APPROVE', department: 'planning' });
  await sendOk(t.svc, t.who.clerk('window'), caseId, { type: 'ISSUE' });
  const row = await t.svc.service.db.knex('licences').where({ application_id: caseId }).first('number');
  const list = await t.svc.request('GET', VERIFICATIONS, { token: t.who.clerk('housing') });
  const verification = list.body.items.find((v: { application: string }) => v.application === caseId);
  return { caseId, verification, number: String(row.number) };
}
