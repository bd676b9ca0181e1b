import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { OTHER_ENTERPRISE } from '../support/harness.ts';
import {
  acceptedCase,
  approveAll,
  caseState,
  expectProblem,
  sendEvent,
  sendOk,
  type People,
  type TestService,
} from '../support/http.ts';
import { refusalScene } from '../support/refusal-scene.ts';

/*
 * Refused requests on cases (docs/api.md): an Idempotency-Key reused with another body (422), and the replays that
 * do the work once; each refusal changes nothing.
 */

describeEachDatabase('cases/Idempotency-Key', (kind) => {
  const scene = refusalScene(kind);
  const { unchanged } = scene;
  let svc: TestService, who: People;
  before(() => {
    ({ svc, who } = scene);
  });

  const countOwn = async () =>
    (await svc.request('GET', '/api/v1/applications?limit=500', { token: who.applicant })).body.items.length;

  it('should create one case for the same key and body sent twice', async () => {
    const before = await countOwn();
    const key = randomUUID();
    const send = () =>
      svc.request('POST', '/api/v1/applications', {
        token: who.applicant,
        body: constructionPermitApplication(),
        headers: { 'idempotency-key': key },
      });
    const first = await send();
    const second = await send();
    expect(first.status).to.equal(201);
    expect(second.status).to.equal(201);
    expect(second.body.id).to.equal(first.body.id);
    expect(second.body).to.deep.equal(first.body);
    expect(second.headers.get('idempotent-replayed')).to.equal('true');
    expect(await countOwn()).to.equal(before + 1);
  });

  it('should answer 422 idempotency-key-reused to the same key with another body', async () => {
    const key = randomUUID();
    const body = constructionPermitApplication();
    const first = await svc.request('POST', '/api/v1/applications', {
      token: who.applicant,
      body,
      headers: { 'idempotency-key': key },
    });
    expect(first.status).to.equal(201);
    const before = await countOwn();
    body.project.name = 'Aviation Town Component Plant, Building 4';
    const reused = await svc.request('POST', '/api/v1/applications', {
      token: who.applicant,
      body,
      headers: { 'idempotency-key': key },
    });
    expectProblem(reused, 422, 'idempotency-key-reused');
    expect(await countOwn()).to.equal(before);
  });

  it('should replay the first answer to an event and record the event once', async () => {
    const id = await acceptedCase(svc, who, constructionPermitApplication());
    const before = await caseState(svc, who.auditor, id);
    const headers = { 'idempotency-key': randomUUID() };
    const event = { type: 'APPROVE', department: 'planning' };
    const first = await sendOk(svc, who.clerk('planning'), id, event, headers);
    const second = await sendOk(svc, who.clerk('planning'), id, event, headers);
    expect(second.body).to.deep.equal(first.body);
    expect(second.headers.get('idempotent-replayed')).to.equal('true');
    expect(await caseState(svc, who.auditor, id)).to.deep.equal({
      ...before,
      version: before.version + 1,
      history: before.history + 1,
    });
    // Without the key, the same APPROVE is a new request, and the region has already approved.
    expectProblem(await sendEvent(svc, who.clerk('planning'), id, event), 409, 'event-not-allowed');
  });

  it('should not remember a failed request', async () => {
    const id = await acceptedCase(svc, who, constructionPermitApplication());
    const issueKey = { 'idempotency-key': randomUUID() };
    await unchanged(id, async () => {
      expectProblem(
        await sendEvent(svc, who.clerk('window'), id, { type: 'ISSUE' }, issueKey),
        409,
        'event-not-allowed',
      );
    });
    await approveAll(svc, who, id);
    const issued = await sendOk(svc, who.clerk('window'), id, { type: 'ISSUE' }, issueKey);
    expect(issued.body.status).to.equal('approved');
    expect(issued.headers.get('idempotent-replayed')).to.equal(null);

    // A 422 is not remembered either: the same key may carry the corrected body.
    const other = await acceptedCase(svc, who, constructionPermitApplication());
    const askKey = { 'idempotency-key': randomUUID() };
    const ask = { type: 'REQUEST_SUPPLEMENT', department: 'housing' };
    expectProblem(await sendEvent(svc, who.clerk('housing'), other, ask, askKey), 422, 'validation-failed');
    const asked = await sendOk(
      svc,
      who.clerk('housing'),
      other,
      { ...ask, comment: 'The contract with the construction unit, signed.' },
      askKey,
    );
    expect(asked.body.status).to.equal('supplementing');
  });

  it('should do the work once when retries race the first request', async () => {
    const before = await countOwn();
    const headers = { 'idempotency-key': randomUUID() };
    const created = await Promise.all(
      [1, 2, 3].map(() =>
        svc.request('POST', '/api/v1/applications', {
          token: who.applicant,
          body: constructionPermitApplication(),
          headers,
        }),
      ),
    );
    const ids = new Set(created.filter((r) => r.status === 201).map((r) => r.body.id));
    expect(ids.size).to.equal(1);
    for (const response of created.filter((r) => r.status !== 201)) {
      expectProblem(response, 409, 'idempotency-key-in-use');
    }
    expect(await countOwn()).to.equal(before + 1);

    const id = [...ids][0];
    await sendOk(svc, who.applicant, id, { type: 'SUBMIT' });
    const state = await caseState(svc, who.auditor, id);
    const eventHeaders = { 'idempotency-key': randomUUID() };
    const sent = await Promise.all(
      [1, 2, 3].map(() => sendEvent(svc, who.clerk('window'), id, { type: 'ACCEPT' }, eventHeaders)),
    );
    expect(sent.filter((r) => r.status === 200)).not.to.be.empty;
    for (const response of sent.filter((r) => r.status !== 200)) {
      expectProblem(response, 409, 'idempotency-key-in-use');
    }
    expect(await caseState(svc, who.auditor, id)).to.deep.equal({
      version: state.version + 1,
      status: 'in_review',
      history: state.history + 1,
    });
  });

  it("should keep one caller's keys apart from another's", async () => {
    const key = randomUUID();
    const body = constructionPermitApplication();
    const mine = await svc.request('POST', '/api/v1/applications', {
      token: who.applicant,
      body,
      headers: { 'idempotency-key': key },
    });
    const theirs = await svc.request('POST', '/api/v1/applications', {
      token: who.otherApplicant,
      body,
      headers: { 'idempotency-key': key },
    });
    expect(mine.status).to.equal(201);
    expect(theirs.status).to.equal(201);
    expect(theirs.body.id).not.to.equal(mine.body.id);
    expect(theirs.body.applicant).to.equal(OTHER_ENTERPRISE);
  });
});
