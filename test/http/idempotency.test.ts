import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { ENTERPRISE, OTHER_ENTERPRISE } from '../support/harness.ts';
import {
  acceptedCase,
  caseState,
  people,
  sendEvent,
  startTestService,
  type People,
  type TestService,
} from '../support/http.ts';

/** Past the 60 seconds after which a reservation without a live request used to stop blocking its key. */
const PAST_THE_OLD_WINDOW = { ms: 61_000 };

describeEachDatabase('http/idempotency', (kind) => {
  let svc: TestService;
  let who: People;

  before(async () => {
    svc = await startTestService(kind);
    who = people(svc, ENTERPRISE, OTHER_ENTERPRISE);
  });
  after(async () => {
    await svc?.close();
  });

  const create = (token: string, key: string) =>
    svc.request('POST', '/api/v1/applications', {
      token,
      body: constructionPermitApplication(),
      headers: { 'idempotency-key': key },
    });
  const ownCases = async (token: string) =>
    (await svc.request('GET', '/api/v1/applications?limit=500', { token })).body.items.length;
  const assessFee = (id: string, key: string) =>
    svc.request('POST', `/api/v1/applications/${id}/fees`, {
      token: who.clerk('window'),
      body: { code: 'extra-certificate', quantity: 2 },
      headers: { 'idempotency-key': key },
    });

  /**
   * Lets `method` of the engine commit its work and then throw, as a process that dies between the commit
   * and its answer; restores it after `during`.
   */
  async function dyingAfterCommit(method: 'create' | 'send', during: () => Promise<void>) {
    const engine = svc.service.engine as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    const original = engine[method]!;
    engine[method] = async (...args: unknown[]) => {
      await original.apply(svc.service.engine, args);
      throw new Error('the process died after the commit');
    };
    try {
      await during();
    } finally {
      engine[method] = original;
    }
  }

  it('should not give the answer for one enterprise to the same person signed in for another', async () => {
    const key = randomUUID();
    const forFirst = svc.token({ sub: 'consultant-7', role: 'applicant', org: ENTERPRISE });
    const forSecond = svc.token({ sub: 'consultant-7', role: 'applicant', org: OTHER_ENTERPRISE });
    const first = await create(forFirst, key);
    const second = await create(forSecond, key);
    expect(first.status).to.equal(201);
    expect(second.status).to.equal(201);
    expect(second.headers.get('idempotent-replayed')).to.equal(null);
    expect(second.body.applicant).to.equal(OTHER_ENTERPRISE);
    expect(second.body.id).to.not.equal(first.body.id);
    // Each enterprise's own retry still replays its own answer.
    const again = await create(forFirst, key);
    expect(again.headers.get('idempotent-replayed')).to.equal('true');
    expect(again.body.id).to.equal(first.body.id);
  });

  it('should keep apart the keys of the same user id from two token issuers', async () => {
    const key = randomUUID();
    const claims = { sub: 'shared-id', role: 'applicant', org: ENTERPRISE };
    const fromOne = await create(svc.token({ ...claims, iss: 'https://idp.one.example' }), key);
    const fromOther = await create(svc.token({ ...claims, iss: 'https://idp.other.example' }), key);
    expect(fromOne.status).to.equal(201);
    expect(fromOther.status).to.equal(201);
    expect(fromOther.headers.get('idempotent-replayed')).to.equal(null);
    expect(fromOther.body.id).to.not.equal(fromOne.body.id);
  });

  it('should replay a 201 with the Location of the first answer', async () => {
    const key = randomUUID();
    const first = await create(who.applicant, key);
    const replay = await create(who.applicant, key);
    expect(first.headers.get('location')).to.equal(`/api/v1/applications/${first.body.id}`);
    expect(replay.headers.get('idempotent-replayed')).to.equal('true');
    expect(replay.headers.get('location')).to.equal(first.headers.get('location'));

    const id = await acceptedCase(svc, who, constructionPermitApplication());
    const feeKey = randomUUID();
    const fee = await assessFee(id, feeKey);
    const feeReplay = await assessFee(id, feeKey);
    expect(fee.status).to.equal(201);
    expect(feeReplay.status).to.equal(201);
    expect(feeReplay.headers.get('location')).to.equal(`/api/v1/applications/${id}/fees/${fee.body.id}`);
    expect(feeReplay.body).to.deep.equal(fee.body);
  });

  it('should replay, not run again, a create whose process died between the commit and the answer', async () => {
    const before = await ownCases(who.applicant);
    const key = randomUUID();
    await dyingAfterCommit('create', async () => {
      expect((await create(who.applicant, key)).status).to.equal(500);
    });
    expect(await ownCases(who.applicant)).to.equal(before + 1);
    svc.clock.advance(PAST_THE_OLD_WINDOW);
    const retry = await create(who.applicant, key);
    expect(retry.status).to.equal(201);
    expect(retry.headers.get('idempotent-replayed')).to.equal('true');
    expect(retry.headers.get('location')).to.equal(`/api/v1/applications/${retry.body.id}`);
    expect(retry.body.applicant).to.equal(ENTERPRISE);
    expect(await ownCases(who.applicant)).to.equal(before + 1);
  });

  it('should replay, not run again, an event whose process died between the commit and the answer', async () => {
    const id = await acceptedCase(svc, who, constructionPermitApplication());
    const state = await caseState(svc, who.auditor, id);
    const headers = { 'idempotency-key': randomUUID() };
    const approve = { type: 'APPROVE', department: 'planning' };
    await dyingAfterCommit('send', async () => {
      expect((await sendEvent(svc, who.clerk('planning'), id, approve, headers)).status).to.equal(500);
    });
    svc.clock.advance(PAST_THE_OLD_WINDOW);
    const retry = await sendEvent(svc, who.clerk('planning'), id, approve, headers);
    expect(retry.status, JSON.stringify(retry.body)).to.equal(200);
    expect(retry.headers.get('idempotent-replayed')).to.equal('true');
    expect(retry.body).to.include({ id, version: state.version + 1 });
    expect(await caseState(svc, who.auditor, id)).to.deep.equal({
      ...state,
      version: state.version + 1,
      history: state.history + 1,
    });

    // The short answer (Prefer: return=minimal) is the first one exactly, kept by the work's transaction.
    const minimal = { 'idempotency-key': randomUUID(), prefer: 'return=minimal' };
    const housing = { type: 'APPROVE', department: 'housing' };
    await dyingAfterCommit('send', async () => {
      expect((await sendEvent(svc, who.clerk('housing'), id, housing, minimal)).status).to.equal(500);
    });
    await sendEvent(svc, who.clerk('fire'), id, { type: 'APPROVE', department: 'fire' });
    const short = await sendEvent(svc, who.clerk('housing'), id, housing, minimal);
    expect(short.status).to.equal(200);
    expect(short.body).to.deep.equal({ id, status: 'in_review', version: state.version + 2 });
  });

  it('should replay, not run again, a fee assessment whose process died between the commit and the answer', async () => {
    const id = await acceptedCase(svc, who, constructionPermitApplication());
    const key = randomUUID();
    await dyingAfterCommit('send', async () => {
      expect((await assessFee(id, key)).status).to.equal(500);
    });
    svc.clock.advance(PAST_THE_OLD_WINDOW);
    const retry = await assessFee(id, key);
    expect(retry.status).to.equal(201);
    expect(retry.headers.get('idempotent-replayed')).to.equal('true');
    const fees = await svc.service.db.knex('fees').where({ application_id: id });
    expect(fees).to.have.length(1);
    expect(retry.body.id).to.equal(Number(fees[0].id));
    expect(retry.headers.get('location')).to.equal(`/api/v1/applications/${id}/fees/${fees[0].id}`);
  });
});
