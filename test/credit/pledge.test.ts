import { expect } from 'chai';
import { fireDueTimers } from '../../src/engine/timers.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { ENTERPRISE } from '../support/harness.ts';
import { handInRequired } from '../support/materials.ts';
import { caseUnchanged, createDraft, expectProblem, sendEvent, type TestService } from '../support/http.ts';
import { licensedProject } from '../support/licences.ts';
import { issuedOnPledge, pledgedForm, VERIFICATIONS } from '../support/pledge.ts';
import { withService } from '../support/with-service.ts';

/*
 * Approval on pledge (告知承诺制) through the real API: the offer, the filing with the signed text, the item
 * decided at once, the verification task, verification ok; non-compliance, the rectification timer, the window's
 * revocation with the licence revoked and a false pledge in the credit register; a refused second pledge.
 */

const verificationEvent = (svc: TestService, token: string, id: string, body: object) =>
  svc.request('POST', `${VERIFICATIONS}/${id}/events`, { token, body });

describeEachDatabase('approval on pledge', (kind) => {
  const t = withService(kind);
  beforeEach(() => t.svc.clock.set('2026-03-02T09:00:00+08:00'));

  it('should publish the offer of the version in force with the text to sign and its SHA-256', async () => {
    const offer = await t.svc.request('GET', '/api/v1/pledge-offers/construction-permit');
    expect(offer.body).to.include({
      workflow: 'construction-permit',
      version: 2,
      verificationWorkingDays: 20,
    });
    expect(offer.body.items).to.deep.equal(['housing']);
    expect(offer.body.text.text).to.include('告知承诺书');
    expect(offer.body.text.sha256).to.match(/^[0-9a-f]{64}$/);
    expectProblem(
      await t.svc.request('GET', '/api/v1/pledge-offers/completion-acceptance'),
      404,
      'not-found',
    );
  });

  it('should decide the pledged item at once, issue the licence and open the verification for housing, then close it when verified', async () => {
    const { caseId, verification, number } = await issuedOnPledge(t);
    expect(verification).to.include({ status: 'verifying', licence: number, enterprise: ENTERPRISE });
    // Issued on Monday 2 March 2026: 20 working days (no holiday in March 2026) end on Monday 30 March.
    expect(verification.dueAt).to.equal('2026-03-30T15:59:59.999Z');
    const inbox = await t.svc.request('GET', '/api/v1/tasks?department=housing', {
      token: t.who.clerk('housing'),
    });
    expect(inbox.body.items.map((i: { applicationId: string }) => i.applicationId)).to.include(
      verification.id,
    );
    const detail = await t.svc.request('GET', `/api/v1/applications/${caseId}`, { token: t.who.auditor });
    expect(detail.body.status).to.equal('approved');

    const ok = await verificationEvent(t.svc, t.who.clerk('housing'), verification.id, {
      type: 'VERIFIED',
      data: { method: 'on-site' },
    });
    expect(ok.status, JSON.stringify(ok.body)).to.equal(200);
    expect(ok.body).to.include({ status: 'verified', dueAt: null });
    expect(ok.body.findings).to.have.length(1);
    expect(ok.body.findings[0]).to.include({ outcome: 'verified', method: 'on-site' });
    expect((await t.svc.request('GET', `/api/v1/licences/${number}`)).body.status).to.equal('valid');
  });

  it('should refuse the verification to the enterprise, auditors and other departments, changing nothing', async () => {
    const { verification } = await issuedOnPledge(t);
    const event = { type: 'VERIFIED', data: { method: 'in-writing' } };
    expectProblem(await verificationEvent(t.svc, t.who.applicant, verification.id, event), 403, 'forbidden');
    expectProblem(await verificationEvent(t.svc, t.who.auditor, verification.id, event), 403, 'forbidden');
    // A department without a task on it does not see it at all.
    expectProblem(
      await verificationEvent(t.svc, t.who.clerk('planning'), verification.id, event),
      404,
      'not-found',
    );
    expectProblem(
      await t.svc.request('GET', `${VERIFICATIONS}/${verification.id}`, { token: t.who.otherApplicant }),
      404,
      'not-found',
    );
    // The department must say how it verified, and what it found before ordering rectification.
    const housing = t.who.clerk('housing');
    const bare = await verificationEvent(t.svc, housing, verification.id, { type: 'VERIFIED' });
    expectProblem(bare, 422, 'validation-failed');
    const rules = (r: any) => r.body.errors.map((e: { params?: { rule?: string } }) => e.params?.rule);
    expect(rules(bare)).to.deep.equal(['verification-method']);
    const unsaid = await verificationEvent(t.svc, housing, verification.id, {
      type: 'NON_COMPLIANT',
      data: { method: 'on-site' },
    });
    expect(rules(unsaid)).to.deep.equal(['non-compliance-findings']);
    // The window may not verify either (the department of the pledged item does).
    const window = await verificationEvent(t.svc, t.who.clerk('window'), verification.id, event);
    expectProblem(window, 404, 'not-found');
    const still = await t.svc.request('GET', `${VERIFICATIONS}/${verification.id}`, { token: t.who.auditor });
    expect(still.body).to.include({ status: 'verifying' });
    expect(still.body.findings).to.deep.equal([]);
  });

  it('should order rectification, let the deadline pass, revoke the licence at the window and record the false pledge; a second pledge is refused', async () => {
    const { verification, number } = await issuedOnPledge(t);
    const housing = t.who.clerk('housing');
    const ordered = await verificationEvent(t.svc, housing, verification.id, {
      type: 'NON_COMPLIANT',
      comment: '现场核查：安全施工措施未落实',
      data: { method: 'on-site' },
    });
    expect(ordered.status, JSON.stringify(ordered.body)).to.equal(200);
    // 20 working days from Monday 2 March 2026.
    expect(ordered.body).to.include({ status: 'rectifying', rectifyBy: '2026-03-30T15:59:59.999Z' });

    t.svc.clock.set('2026-03-30T23:00:00+08:00');
    await fireDueTimers(t.svc.service.db, t.svc.service.engine);
    expect(
      (await t.svc.request('GET', `${VERIFICATIONS}/${verification.id}`, { token: housing })).body.status,
    ).to.equal('rectifying');
    t.svc.clock.set('2026-03-31T00:00:01+08:00');
    await fireDueTimers(t.svc.service.db, t.svc.service.engine);
    const due = await t.svc.request('GET', `${VERIFICATIONS}/${verification.id}`, {
      token: t.who.clerk('window'),
    });
    expect(due.body.status).to.equal('revocation_due');
    // Housing may not revoke: the window does.
    expectProblem(
      await verificationEvent(t.svc, housing, verification.id, { type: 'REVOKE', comment: '逾期未整改' }),
      403,
      'forbidden',
    );
    const revoked = await verificationEvent(t.svc, t.who.clerk('window'), verification.id, {
      type: 'REVOKE',
      comment: '逾期未整改，撤销施工许可',
    });
    expect(revoked.status, JSON.stringify(revoked.body)).to.equal(200);
    expect(revoked.body.status).to.equal('revoked');

    const licence = await t.svc.request('GET', `/api/v1/licences/${number}`);
    expect(licence.body).to.include({ status: 'revoked', revocationReason: '逾期未整改，撤销施工许可' });

    const register = await t.svc.request('GET', `/api/v1/credit-records?enterprise=${ENTERPRISE}`, {
      token: t.admin,
    });
    expect(register.body.items).to.have.length(1);
    // Published Tuesday 31 March 2026; six months from publication end on 30 September 2026 (民法典 art. 201, 203).
    expect(register.body.items[0]).to.include({
      kind: 'false-pledge',
      decidedOn: '2026-03-31',
      ineligibleUntil: '2026-09-30',
      originCase: verification.id,
      excludes: true,
    });

    // A second pledge: 403 with the reason, and nothing written.
    const second = await createDraft(t.svc, t.who.applicant, {
      workflow: 'construction-permit',
      project: licensedProject,
      form: await pledgedForm(t.svc),
    });
    const counts = async () => ({
      verifications: (
        await t.svc.service.db
          .knex('applications')
          .where('workflow_id', 'pledge-verification')
          .count({ n: '*' })
      )[0]!.n,
      records: (await t.svc.service.db.knex('credit_records').count({ n: '*' }))[0]!.n,
    });
    await handInRequired(t.svc, t.who.applicant, second);
    const before = await counts();
    await caseUnchanged(t, second, async () => {
      const refused = await t.svc.request('POST', `/api/v1/applications/${second}/events`, {
        token: t.who.applicant,
        body: { type: 'SUBMIT' },
      });
      expectProblem(refused, 403, 'forbidden');
      expect(refused.body).to.include({ code: 'pledge-not-eligible' });
      expect(refused.body.params).to.deep.equal({ kind: 'false-pledge', until: '2026-09-30' });
    });
    expect(await counts()).to.deep.equal(before);
  });

  it('should refuse a pledge on an outdated text or for an item not offered (422)', async () => {
    const form = await pledgedForm(t.svc);
    // Another enterprise: the one of the example has a false pledge on record by now.
    const id = await createDraft(t.svc, t.who.otherApplicant, {
      workflow: 'construction-permit',
      project: licensedProject,
      form: {
        ...form,
        approvalOnPledge: { ...form.approvalOnPledge, items: ['fire'], textSha256: '0'.repeat(64) },
      },
    });
    const refused = await sendEvent(t.svc, t.who.otherApplicant, id, { type: 'SUBMIT' });
    expectProblem(refused, 422, 'validation-failed');
    expect(refused.body.errors.map((e: { code: string }) => e.code)).to.have.members([
      'pledge-item-not-offered',
      'pledge-text-outdated',
    ]);
  });
});
