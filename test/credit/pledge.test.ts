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
 * decided at once, the verification task, verification ok; non-compliance told to the enterprise, the
 * rectification timer that revokes the licence by itself and writes the false pledge into the credit register,
 * told to the enterprise too; a refused second pledge.
 */

const messagesOf = async (svc: TestService, token: string): Promise<any[]> =>
  (await svc.request('GET', '/api/v1/notifications', { token })).body.items;

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

  it('should order rectification and tell the enterprise the deadline; when it passes, revoke the licence by itself, record the false pledge and tell the enterprise; a second pledge is refused', async () => {
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
    const told = await messagesOf(t.svc, t.who.applicant);
    const order = told.find((m) => m.code === 'pledge-rectification-ordered');
    expect(order, JSON.stringify(told)).to.include({ applicationId: verification.id });
    expect(order.text).to.contain('2026年3月30日前完成整改');
    expect(order.text).to.contain('安全施工措施未落实');
    expect(order.text).to.contain(number);
    expect(order.params).to.include({ rectifyBy: '2026-03-30T15:59:59.999Z', licence: number });
    // The department is not told of its own order; another enterprise never sees it.
    expect((await messagesOf(t.svc, housing)).map((m) => m.code)).not.to.include(
      'pledge-rectification-ordered',
    );
    expect((await messagesOf(t.svc, t.who.otherApplicant)).map((m) => m.code)).not.to.include(
      'pledge-rectification-ordered',
    );
    // Nobody revokes by hand any more: the window's REVOKE is not an event of the verification.
    expectProblem(
      await verificationEvent(t.svc, t.who.clerk('window'), verification.id, {
        type: 'REVOKE',
        comment: '逾期未整改',
      }),
      400,
      'malformed-request',
    );

    t.svc.clock.set('2026-03-30T23:00:00+08:00');
    await fireDueTimers(t.svc.service.db, t.svc.service.engine);
    expect(
      (await t.svc.request('GET', `${VERIFICATIONS}/${verification.id}`, { token: housing })).body.status,
    ).to.equal('rectifying');
    expect((await t.svc.request('GET', `/api/v1/licences/${number}`)).body.status).to.equal('valid');
    t.svc.clock.set('2026-03-31T00:00:01+08:00');
    const sweep = await fireDueTimers(t.svc.service.db, t.svc.service.engine);
    expect(sweep).to.include({ fired: 1, stale: 0 });
    expect(sweep.failed).to.deep.equal([]);
    const revoked = await t.svc.request('GET', `${VERIFICATIONS}/${verification.id}`, { token: housing });
    expect(revoked.body).to.include({ status: 'revoked', dueAt: null });

    // The licence's public record (what its verification page shows) says revoked, with the unmet pledge as the reason, revoked by the service.
    const licence = await t.svc.request('GET', `/api/v1/licences/${number}`);
    expect(licence.body.status).to.equal('revoked');
    expect(licence.body.revocationReason).to.equal(
      '告知承诺不实，逾期未整改（核查发现：现场核查：安全施工措施未落实）',
    );
    const [revocation] = await t.svc.service.db
      .knex('audit_events')
      .join('licences', 'licences.case_id', 'audit_events.application_id')
      .where({ 'licences.number': number, 'audit_events.type': 'REVOKE' })
      .select('audit_events.actor_role', 'audit_events.actor_sub', 'audit_events.at');
    // Recorded at the end of the rectification time (the statutory clock), not when the sweep ran.
    expect(revocation).to.deep.equal({
      actor_role: 'system',
      actor_sub: 'zerotrip-scheduler',
      at: '2026-03-30T15:59:59.999Z',
    });

    const lapse = (await messagesOf(t.svc, t.who.applicant)).find((m) => m.code === 'pledge-licence-revoked');
    expect(lapse, 'the revocation message').to.include({ applicationId: verification.id });
    expect(lapse.text).to.contain('已于2026年3月30日撤销');
    expect(lapse.text).to.contain('记入信用记录');
    expect(lapse.text).to.contain('2026年9月30日前不得再以告知承诺方式申请');
    expect(lapse.params).to.include({ licence: number, ineligibleUntil: '2026-09-30' });

    const register = await t.svc.request('GET', `/api/v1/credit-records?enterprise=${ENTERPRISE}`, {
      token: t.admin,
    });
    expect(register.body.items).to.have.length(1);
    // Decided at the end of Monday 30 March 2026, when the time ran out; six months from the next day end on the
    // corresponding day, 30 September 2026 (民法典 art. 201, 202).
    expect(register.body.items[0]).to.include({
      kind: 'false-pledge',
      decidedOn: '2026-03-30',
      ineligibleUntil: '2026-09-30',
      originCase: verification.id,
      excludes: true,
    });
    expect(register.body.items[0].source).to.contain(`证照 ${number} 已撤销`).and.to.contain('逾期未整改');

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
