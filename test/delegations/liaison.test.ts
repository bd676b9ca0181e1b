import { expect } from 'chai';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { ENTERPRISE } from '../support/harness.ts';
import {
  acceptedCase,
  casePath,
  caseState,
  caseUnchanged,
  createDraft,
  expectProblem,
  sendEvent,
} from '../support/http.ts';
import { withService } from '../support/with-service.ts';

/*
 * One-to-one liaison through the HTTP app (issue 4): the liaison's read-only view of its enterprise's cases.
 */

describeEachDatabase('delegations/liaison', (kind) => {
  const t = withService(kind);
  const LIAISON = { sub: 'liaison-chen', role: 'clerk', org: 'archives' };
  let liaison = '';
  let draft = '';
  let inReview = '';
  let otherCase = '';

  const liaisonOf = async () =>
    (await t.svc.request('GET', `/api/v1/enterprises/${ENTERPRISE}/liaison`, { token: t.admin })).body;

  before(async () => {
    liaison = t.svc.token(LIAISON);
    draft = await createDraft(t.svc, t.who.applicant, constructionPermitApplication());
    inReview = await acceptedCase(t.svc, t.who, constructionPermitApplication());
    otherCase = await createDraft(t.svc, t.who.otherApplicant, constructionPermitApplication());
  });

  it('should let an administrator name the liaison (200)', async () => {
    const named = await t.svc.request('PUT', `/api/v1/enterprises/${ENTERPRISE}/liaison`, {
      token: t.admin,
      body: { clerk: 'liaison-chen' },
    });
    expect(named.status, JSON.stringify(named.body)).to.equal(200);
    expect(named.body).to.include({
      enterprise: ENTERPRISE,
      clerk: 'liaison-chen',
      assignedBy: 'admin-1',
    });
    expect(await liaisonOf()).to.include({ clerk: 'liaison-chen' });
  });

  it('should answer 403 to a clerk naming a liaison and 400 to a malformed USCC', async () => {
    const put = (token: string, uscc: string, body: unknown = { clerk: 'clerk-window' }) =>
      t.svc.request('PUT', `/api/v1/enterprises/${uscc}/liaison`, { token, body });
    expectProblem(await put(t.who.clerk('window'), ENTERPRISE), 403, 'forbidden');
    expectProblem(await put(liaison, ENTERPRISE), 403, 'forbidden');
    expectProblem(await put(t.who.applicant, ENTERPRISE), 403, 'forbidden');
    for (const uscc of ['91310115591693856', '91310115591693856AB', '9131011559169385OA']) {
      expectProblem(await put(t.admin, uscc), 400, 'malformed-request');
      expectProblem(await put(t.who.clerk('window'), uscc), 400, 'malformed-request');
    }
    expectProblem(await put(t.admin, ENTERPRISE, { clerk: 42 }), 400, 'malformed-request');
    expectProblem(await put(t.admin, ENTERPRISE, {}), 400, 'malformed-request');
    expect(await liaisonOf()).to.include({ clerk: 'liaison-chen' });
  });

  it('should show the liaison the enterprise’s cases, in the list and in detail', async () => {
    const listed = await t.svc.request('GET', '/api/v1/applications', { token: liaison });
    expect(listed.status).to.equal(200);
    expect(listed.body.items.map((a: { id: string }) => a.id)).to.have.members([draft, inReview]);
    for (const id of [draft, inReview]) {
      const seen = await t.svc.request('GET', casePath(id), { token: liaison });
      expect(seen.status).to.equal(200);
      expect(seen.body.allowedEvents, id).to.deep.equal([]);
      expect((await t.svc.request('GET', casePath(id, '/history'), { token: liaison })).status).to.equal(200);
    }
    expectProblem(await t.svc.request('GET', casePath(otherCase), { token: liaison }), 404, 'not-found');
  });

  it('should refuse the liaison fees and inspections (403), and write nothing, not even an attempt', async () => {
    const before = await caseState(t.svc, t.who.auditor, inReview);
    const fee = await t.svc.request('POST', casePath(inReview, '/fees'), {
      token: liaison,
      body: { code: 'infrastructure-supporting' },
    });
    expectProblem(fee, 403, 'forbidden');
    const offList = await t.svc.request('POST', casePath(inReview, '/fees'), {
      token: liaison,
      body: { code: 'not-a-fee' },
    });
    expectProblem(offList, 403, 'forbidden');
    const inspection = await t.svc.request('POST', casePath(inReview, '/inspections'), {
      token: liaison,
      body: { code: 'archives-acceptance', scheduledAt: '2026-03-03T09:00:00+08:00' },
    });
    expectProblem(inspection, 403, 'forbidden');
    expect(await caseState(t.svc, t.who.auditor, inReview)).to.deep.equal(before);
  });

  it('should name the liaison on every case of the enterprise, and on no other', async () => {
    for (const id of [draft, inReview]) {
      for (const token of [t.who.applicant, liaison, t.who.auditor]) {
        const seen = await t.svc.request('GET', casePath(id), { token });
        expect(seen.body.liaison, id).to.equal('liaison-chen');
      }
    }
    // The departments working on a case see who follows it too.
    const window = await t.svc.request('GET', casePath(inReview), { token: t.who.clerk('window') });
    expect(window.body).to.include({ liaison: 'liaison-chen' });
    expect(window.body.allowedEvents).not.to.be.empty;
    const other = await t.svc.request('GET', casePath(otherCase), { token: t.who.otherApplicant });
    expect(other.body.liaison).to.equal(null);
  });

  it('should answer 403 to the liaison sending any event and change nothing', async () => {
    await caseUnchanged(t, inReview, async () => {
      for (const event of [
        { type: 'APPROVE', department: 'archives' },
        { type: 'APPROVE', department: 'planning' },
        { type: 'ACCEPT' },
        { type: 'ISSUE' },
        { type: 'EXTEND', comment: 'more time', data: { workingDays: 5 } },
        { type: 'WITHDRAW' },
      ]) {
        expectProblem(await sendEvent(t.svc, liaison, inReview, event), 403, 'forbidden');
      }
    });
    await caseUnchanged(t, draft, async () => {
      expectProblem(await sendEvent(t.svc, liaison, draft, { type: 'SUBMIT' }), 403, 'forbidden');
      expectProblem(
        await t.svc.request('PATCH', casePath(draft), { token: liaison, body: { form: { storeys: 9 } } }),
        403,
        'forbidden',
      );
    });
  });

  it('should answer 404 to a clerk who is neither the liaison nor has a task on the case', async () => {
    const archives = t.who.clerk('archives');
    await caseUnchanged(t, inReview, async () => {
      for (const id of [draft, inReview]) {
        expectProblem(await t.svc.request('GET', casePath(id), { token: archives }), 404, 'not-found');
      }
      expectProblem(
        await sendEvent(t.svc, archives, inReview, { type: 'APPROVE', department: 'archives' }),
        404,
        'not-found',
      );
    });
    expect(
      (await t.svc.request('GET', '/api/v1/applications', { token: archives })).body.items,
    ).to.deep.equal([]);
  });

  it('should move the view with the liaison when the administrator names another', async () => {
    const named = await t.svc.request('PUT', `/api/v1/enterprises/${ENTERPRISE}/liaison`, {
      token: t.admin,
      body: { clerk: 'clerk-archives' },
    });
    expect(named.status).to.equal(200);
    expectProblem(await t.svc.request('GET', casePath(draft), { token: liaison }), 404, 'not-found');
    const seen = await t.svc.request('GET', casePath(draft), { token: t.who.clerk('archives') });
    expect(seen.status).to.equal(200);
    expect(seen.body).to.include({ liaison: 'clerk-archives' });
    expect(seen.body.allowedEvents).to.deep.equal([]);
  });
});
