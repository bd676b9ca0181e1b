import { expect } from 'chai';
import { describeEachDatabase } from '../support/databases.ts';
import { ENTERPRISE, OTHER_ENTERPRISE } from '../support/harness.ts';
import { createDraft, expectProblem, sendEvent, type TestService } from '../support/http.ts';
import { licensedProject, minimalPermitForm } from '../support/licences.ts';
import { withService } from '../support/with-service.ts';

/*
 * The credit register through the real API: administrators write, administrators and auditors read, nobody
 * else; a record excludes its enterprise from approval on pledge until its day has passed or a repair the
 * enterprise asked for is granted by an administrator; every write is an entry of a case's audit chain.
 */

const RECORDS = '/api/v1/credit-records';
const REPAIRS = '/api/v1/credit-repairs';

const badCredit = {
  enterprise: ENTERPRISE,
  kind: 'serious-bad-credit',
  source: '信用中国 严重失信主体名单 2026-0173',
  decidedOn: '2026-02-10',
  ineligibleUntil: null,
};

/** A construction permit filed on pledge by the example's enterprise: the SUBMIT's answer. */
async function fileOnPledge(svc: TestService, token: string) {
  const offer = await svc.request('GET', '/api/v1/pledge-offers/construction-permit');
  const id = await createDraft(svc, token, {
    workflow: 'construction-permit',
    project: licensedProject,
    form: {
      ...minimalPermitForm,
      approvalOnPledge: {
        items: ['housing'],
        textId: offer.body.text.id,
        textSha256: offer.body.text.sha256,
      },
    },
  });
  return sendEvent(svc, token, id, { type: 'SUBMIT' });
}

describeEachDatabase('credit register', (kind) => {
  const t = withService(kind);
  beforeEach(() => t.svc.clock.set('2026-03-02T09:00:00+08:00'));

  it('should let only administrators write, and only administrators and auditors read', async () => {
    for (const token of [t.who.applicant, t.who.auditor, t.who.clerk('window')]) {
      const refused = await t.svc.request('POST', RECORDS, { token, body: badCredit });
      expectProblem(refused, 403, 'forbidden');
      expect(refused.body.code).to.equal('credit-admin-only');
    }
    expect((await t.svc.service.db.knex('credit_records').count({ n: '*' }))[0]!.n).to.equal(
      kind === 'pg' ? '0' : 0,
    );
    for (const token of [t.who.applicant, t.who.clerk('housing')]) {
      const refused = await t.svc.request('GET', RECORDS, { token });
      expectProblem(refused, 403, 'forbidden');
      expect(refused.body.code).to.equal('credit-readers');
    }
    expect((await t.svc.request('GET', RECORDS, { token: t.who.auditor })).status).to.equal(200);
    expectProblem(await t.svc.request('POST', RECORDS, { body: badCredit }), 401, 'unauthorized');
  });

  it('should exclude an enterprise with a serious bad-credit record from pledging until a granted repair', async () => {
    const written = await t.svc.request('POST', RECORDS, { token: t.admin, body: badCredit });
    expect(written.status, JSON.stringify(written.body)).to.equal(201);
    expect(written.body).to.include({ kind: 'serious-bad-credit', ineligibleUntil: null, excludes: true });
    const record = written.body.id as string;

    const refused = await fileOnPledge(t.svc, t.who.applicant);
    expectProblem(refused, 403, 'forbidden');
    expect(refused.body).to.include({ code: 'pledge-not-eligible' });
    expect(refused.body.params).to.deep.equal({ kind: 'serious-bad-credit', until: null });

    // Another enterprise neither sees nor repairs the record.
    const foreign = await t.svc.request('POST', REPAIRS, {
      token: t.who.otherApplicant,
      body: { record, reason: '不是本企业的记录' },
    });
    expectProblem(foreign, 404, 'not-found');
    const asked = await t.svc.request('POST', REPAIRS, {
      token: t.who.applicant,
      body: { record, reason: '已履行行政处罚决定并完成整改。' },
    });
    expect(asked.status, JSON.stringify(asked.body)).to.equal(201);
    expect(asked.body).to.include({ status: 'requested', record, enterprise: ENTERPRISE });
    const repair = asked.body.id as string;
    expect((await t.svc.request('GET', REPAIRS, { token: t.who.otherApplicant })).body.items).to.deep.equal(
      [],
    );

    for (const token of [t.who.applicant, t.who.auditor]) {
      const decided = await t.svc.request('POST', `${REPAIRS}/${repair}/events`, {
        token,
        body: { type: 'GRANT', comment: '准予修复' },
      });
      expectProblem(decided, 403, 'forbidden');
    }
    expect((await fileOnPledge(t.svc, t.who.applicant)).status).to.equal(403);

    const granted = await t.svc.request('POST', `${REPAIRS}/${repair}/events`, {
      token: t.admin,
      body: { type: 'GRANT', comment: '整改到位，准予修复。' },
    });
    expect(granted.status, JSON.stringify(granted.body)).to.equal(200);
    expect(granted.body.status).to.equal('granted');
    const after = await t.svc.request('GET', `${RECORDS}/${record}`, { token: t.who.auditor });
    expect(after.body).to.include({
      excludes: false,
      repairCase: repair,
      repairedAt: '2026-03-02T01:00:00.000Z',
    });
    expectProblem(
      await t.svc.request('POST', REPAIRS, { token: t.who.applicant, body: { record, reason: '再次申请' } }),
      422,
      'validation-failed',
    );
    expectProblem(
      await t.svc.request('POST', `${REPAIRS}/${repair}/events`, {
        token: t.admin,
        body: { type: 'REFUSE', comment: '已处理' },
      }),
      409,
      'event-not-allowed',
    );

    // Every write is an entry of the record's own audit chain.
    const chain = await t.svc.service.db
      .knex('audit_events')
      .where({ application_id: record })
      .orderBy('seq')
      .select('type', 'actor_sub');
    expect(chain.map((e: { type: string }) => e.type)).to.deep.equal(['CREATE', 'REPAIRED']);
    expect(chain[0].actor_sub).to.equal('admin-1');

    expect((await fileOnPledge(t.svc, t.who.applicant)).status).to.equal(200);
  });

  it('should stop excluding once the last day of a record has passed', async () => {
    const written = await t.svc.request('POST', RECORDS, {
      token: t.admin,
      body: { ...badCredit, enterprise: OTHER_ENTERPRISE, ineligibleUntil: '2026-03-02' },
    });
    expect(written.body.excludes).to.equal(true);
    expect((await fileOnPledge(t.svc, t.who.otherApplicant)).status).to.equal(403);
    t.svc.clock.set('2026-03-03T00:00:00+08:00');
    const listed = await t.svc.request('GET', `${RECORDS}?enterprise=${OTHER_ENTERPRISE}`, {
      token: t.admin,
    });
    expect(listed.body.items.map((r: { excludes: boolean }) => r.excludes)).to.deep.equal([false]);
    expect((await fileOnPledge(t.svc, t.who.otherApplicant)).status).to.equal(200);
  });
});
