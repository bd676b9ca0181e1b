import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { ENTERPRISE, OTHER_ENTERPRISE } from '../support/harness.ts';
import {
  acceptedCase,
  approveAll,
  caseState,
  createDraft,
  people,
  sendEvent,
  sendOk,
  startTestService,
  type People,
  type TestService,
  expectProblem,
} from '../support/http.ts';

describeEachDatabase('http/refusals', (kind) => {
  let svc: TestService;
  let who: People;
  /** An accepted case of the example: all five departments review. */
  let inReview = '';
  /** A draft of the example. */
  let draft = '';
  /** An accepted case without special fire works: the fire department has no task on it. */
  let noFire = '';

  const path = (id: string, rest = '') => `/api/v1/applications/${id}${rest}`;

  /** Runs `refuse` and checks that the case's version, status and history are the same afterwards. */
  async function unchanged(id: string, refuse: () => Promise<void>): Promise<void> {
    const before = await caseState(svc, who.auditor, id);
    await refuse();
    expect(await caseState(svc, who.auditor, id)).to.deep.equal(before);
  }

  before(async () => {
    svc = await startTestService(kind);
    who = people(svc, ENTERPRISE, OTHER_ENTERPRISE);
    inReview = await acceptedCase(svc, who, constructionPermitApplication());
    draft = await createDraft(svc, who.applicant, constructionPermitApplication());
    const body = constructionPermitApplication();
    body.form.specialFireWorks = false;
    noFire = await acceptedCase(svc, who, body);
  });

  after(async () => {
    await svc?.close();
  });

  describe('authentication', () => {
    const planning = { sub: 'clerk-planning', role: 'clerk', org: 'planning' };
    const badTokens: Array<[string, () => string | undefined]> = [
      ['no token', () => undefined],
      ['an expired token', () => svc.token(planning, { expiresIn: -60 })],
      ['an alg: none token', () => svc.token(planning, { algorithm: 'none' })],
      ['a token signed with another key', () => svc.token(planning, { secret: 'not-the-service-secret' })],
      ['a token without exp', () => svc.token(planning, { noExp: true })],
      ['a token signed with HS512', () => svc.token(planning, { algorithm: 'HS512' })],
    ];
    for (const [label, token] of badTokens) {
      it(`should answer 401 to ${label} and change nothing`, async () => {
        await unchanged(inReview, async () => {
          const read = await svc.request('GET', path(inReview), { token: token() });
          expectProblem(read, 401, 'unauthorized');
          expect(read.headers.get('www-authenticate')).to.match(/^Bearer\b/);
          expectProblem(
            await svc.request('POST', path(inReview, '/events'), {
              token: token(),
              body: { type: 'APPROVE', department: 'planning' },
            }),
            401,
            'unauthorized',
          );
        });
        expectProblem(
          await svc.request('GET', '/api/v1/applications', { token: token() }),
          401,
          'unauthorized',
        );
      });
    }
  });

  describe('permissions', () => {
    it('should answer 403 to a clerk approving for another department', async () => {
      await unchanged(inReview, async () => {
        const response = await sendEvent(svc, who.clerk('planning'), inReview, {
          type: 'APPROVE',
          department: 'fire',
        });
        expectProblem(response, 403, 'forbidden');
      });
    });

    it('should answer 403 to a housing clerk sending ISSUE', async () => {
      await unchanged(inReview, async () => {
        expectProblem(
          await sendEvent(svc, who.clerk('housing'), inReview, { type: 'ISSUE' }),
          403,
          'forbidden',
        );
      });
    });

    it('should answer 403 to an auditor sending any event', async () => {
      await unchanged(inReview, async () => {
        for (const event of [
          { type: 'APPROVE', department: 'planning' },
          { type: 'ISSUE' },
          { type: 'WITHDRAW' },
          { type: 'EXTEND', comment: 'more time', data: { workingDays: 5 } },
        ]) {
          expectProblem(await sendEvent(svc, who.auditor, inReview, event), 403, 'forbidden');
        }
      });
    });

    it('should answer 403 to anyone but an auditor verifying the hash chain', async () => {
      for (const token of [who.applicant, who.clerk('planning')]) {
        expectProblem(await svc.request('GET', path(inReview, '/verify'), { token }), 403, 'forbidden');
      }
      expectProblem(
        await svc.request('GET', path(inReview, '/verify'), { token: who.otherApplicant }),
        404,
        'not-found',
      );
    });

    it('should answer 403 to an applicant sending a clerk event', async () => {
      await unchanged(inReview, async () => {
        expectProblem(
          await sendEvent(svc, who.applicant, inReview, { type: 'APPROVE', department: 'planning' }),
          403,
          'forbidden',
        );
      });
    });
  });

  describe('visibility', () => {
    it('should answer 404, never 403, to another enterprise reading, sending to or patching a case', async () => {
      for (const id of [draft, inReview]) {
        await unchanged(id, async () => {
          const token = who.otherApplicant;
          expectProblem(await svc.request('GET', path(id), { token }), 404, 'not-found');
          expectProblem(await svc.request('GET', path(id, '/history'), { token }), 404, 'not-found');
          expectProblem(await sendEvent(svc, token, id, { type: 'WITHDRAW' }), 404, 'not-found');
          expectProblem(
            await svc.request('PATCH', path(id), { token, body: { form: { storeys: 9 } } }),
            404,
            'not-found',
          );
        });
      }
      const list = await svc.request('GET', '/api/v1/applications', { token: who.otherApplicant });
      expect(list.body.items).to.deep.equal([]);
    });

    it('should answer 404 to a clerk of a department with no task on the case', async () => {
      await unchanged(noFire, async () => {
        const fire = who.clerk('fire');
        expectProblem(await svc.request('GET', path(noFire), { token: fire }), 404, 'not-found');
        expectProblem(
          await sendEvent(svc, fire, noFire, { type: 'APPROVE', department: 'fire' }),
          404,
          'not-found',
        );
      });
      await unchanged(inReview, async () => {
        const archives = who.clerk('archives');
        expectProblem(await svc.request('GET', path(inReview), { token: archives }), 404, 'not-found');
        expectProblem(await sendEvent(svc, archives, inReview, { type: 'APPROVE' }), 404, 'not-found');
      });
      // Nor does the window see a draft that was never submitted.
      expectProblem(await svc.request('GET', path(draft), { token: who.clerk('window') }), 404, 'not-found');
    });

    it('should answer 404 to a case that does not exist', async () => {
      for (const id of [randomUUID(), 'not-a-uuid']) {
        expectProblem(await svc.request('GET', path(id), { token: who.auditor }), 404, 'not-found');
        expectProblem(await sendEvent(svc, who.applicant, id, { type: 'SUBMIT' }), 404, 'not-found');
      }
    });
  });

  describe('state', () => {
    it('should answer 409 to ISSUE before the departments have reviewed', async () => {
      await unchanged(inReview, async () => {
        expectProblem(
          await sendEvent(svc, who.clerk('window'), inReview, { type: 'ISSUE' }),
          409,
          'event-not-allowed',
        );
      });
    });

    it('should answer 409 to a second APPROVE of the same department', async () => {
      const id = await acceptedCase(svc, who, constructionPermitApplication());
      await sendOk(svc, who.clerk('housing'), id, { type: 'APPROVE', department: 'housing' });
      await unchanged(id, async () => {
        expectProblem(
          await sendEvent(svc, who.clerk('housing'), id, { type: 'APPROVE', department: 'housing' }),
          409,
          'event-not-allowed',
        );
      });
    });

    it('should answer 409 to a PATCH after submission', async () => {
      await unchanged(inReview, async () => {
        const response = await svc.request('PATCH', path(inReview), {
          token: who.applicant,
          body: { form: { storeys: 9 } },
        });
        expectProblem(response, 409, 'event-not-allowed');
      });
    });

    it('should answer 409 to a SUBMIT of a case already submitted', async () => {
      await unchanged(inReview, async () => {
        expectProblem(
          await sendEvent(svc, who.applicant, inReview, { type: 'SUBMIT' }),
          409,
          'event-not-allowed',
        );
      });
    });
  });

  describe('content', () => {
    it('should answer 422 to REQUEST_SUPPLEMENT without a comment', async () => {
      await unchanged(inReview, async () => {
        for (const comment of [undefined, '   ']) {
          const response = await sendEvent(svc, who.clerk('planning'), inReview, {
            type: 'REQUEST_SUPPLEMENT',
            department: 'planning',
            ...(comment === undefined ? {} : { comment }),
          });
          expectProblem(response, 422, 'validation-failed');
          expect(response.body.errors.map((e: { pointer: string }) => e.pointer)).to.include('/comment');
        }
      });
    });

    it('should answer 422 to DENY without reasons', async () => {
      await unchanged(inReview, async () => {
        expectProblem(
          await sendEvent(svc, who.clerk('fire'), inReview, { type: 'DENY', department: 'fire' }),
          422,
          'validation-failed',
        );
      });
    });

    it('should accept one EXTEND, answer 409 to the second and 422 to more than 15 working days', async () => {
      const id = await acceptedCase(svc, who, constructionPermitApplication());
      await unchanged(id, async () => {
        const response = await sendEvent(svc, who.clerk('window'), id, {
          type: 'EXTEND',
          comment: 'Expert review of the fire design',
          data: { workingDays: 16 },
        });
        expectProblem(response, 422, 'validation-failed');
        expect(response.body.errors.map((e: { pointer: string }) => e.pointer)).to.include(
          '/data/workingDays',
        );
      });
      const extended = await sendOk(svc, who.clerk('window'), id, {
        type: 'EXTEND',
        comment: 'Expert review of the fire design',
        data: { workingDays: 10 },
      });
      expect(extended.body.timing.limitWorkingDays).to.equal(55);
      await unchanged(id, async () => {
        expectProblem(
          await sendEvent(svc, who.clerk('window'), id, {
            type: 'EXTEND',
            comment: 'Once more',
            data: { workingDays: 5 },
          }),
          409,
          'event-not-allowed',
        );
      });
    });
  });

  describe('malformed requests', () => {
    const raw = (token: string, rawBody: string, id = inReview) =>
      svc.request('POST', path(id, '/events'), { token, rawBody });

    it('should answer 400 to malformed JSON', async () => {
      await unchanged(inReview, async () => {
        expectProblem(await raw(who.clerk('planning'), '{"type": "APPROVE",'), 400, 'malformed-request');
      });
      expectProblem(
        await svc.request('POST', '/api/v1/applications', { token: who.applicant, rawBody: '{nope' }),
        400,
        'malformed-request',
      );
    });

    it('should answer 400 to a body that is a JSON array or not an object', async () => {
      await unchanged(inReview, async () => {
        expectProblem(await raw(who.clerk('planning'), '[{"type": "APPROVE"}]'), 400, 'malformed-request');
        expectProblem(await raw(who.clerk('planning'), '"APPROVE"'), 400, 'malformed-request');
        expectProblem(await raw(who.clerk('planning'), 'null'), 400, 'malformed-request');
      });
    });

    it('should answer 400 to an unknown event field', async () => {
      await unchanged(inReview, async () => {
        const response = await sendEvent(svc, who.clerk('planning'), inReview, {
          type: 'APPROVE',
          department: 'planning',
          approvedBy: 'someone',
        } as never);
        expectProblem(response, 400, 'malformed-request');
        expect(response.body.errors).to.be.an('array').that.is.not.empty;
      });
    });

    it('should answer 413 to a body over 1 MiB', async () => {
      await unchanged(inReview, async () => {
        const body = JSON.stringify({
          type: 'REQUEST_SUPPLEMENT',
          department: 'planning',
          comment: 'x'.repeat(1024 * 1024 + 16),
        });
        expectProblem(await raw(who.clerk('planning'), body), 413, 'payload-too-large');
      });
    });

    it('should answer 400 to a bad limit or cursor', async () => {
      for (const query of ['?limit=0', '?limit=501', '?limit=ten', '?cursor=not-a-cursor', '?status=lost']) {
        const response = await svc.request('GET', `/api/v1/applications${query}`, { token: who.auditor });
        expectProblem(response, 400, 'malformed-request');
      }
      expectProblem(
        await svc.request('GET', '/api/v1/tasks?limit=0', { token: who.clerk('planning') }),
        400,
        'malformed-request',
      );
      expectProblem(
        await svc.request('GET', '/api/v1/tasks?cursor=%7B', { token: who.clerk('planning') }),
        400,
        'malformed-request',
      );
    });

    it('should answer 404 problem+json to an unknown route', async () => {
      expectProblem(await svc.request('GET', '/api/v1/nothing-here'), 404, 'not-found');
      expectProblem(
        await svc.request('GET', path(inReview, '/nothing-here'), { token: who.auditor }),
        404,
        'not-found',
      );
      expectProblem(await svc.request('DELETE', path(inReview), { token: who.auditor }), 404, 'not-found');
    });
  });

  describe('order of checks', () => {
    it('should answer 401 before anything else, even to malformed JSON on an unknown case', async () => {
      await unchanged(inReview, async () => {
        expectProblem(
          await svc.request('POST', path(inReview, '/events'), { rawBody: '{' }),
          401,
          'unauthorized',
        );
      });
      expectProblem(
        await svc.request('POST', path(randomUUID(), '/events'), { rawBody: '{' }),
        401,
        'unauthorized',
      );
    });

    it("should answer 404 before 400 to malformed JSON on another enterprise's case", async () => {
      await unchanged(inReview, async () => {
        expectProblem(
          await svc.request('POST', path(inReview, '/events'), { token: who.otherApplicant, rawBody: '{' }),
          404,
          'not-found',
        );
        expectProblem(
          await svc.request('PATCH', path(inReview), { token: who.otherApplicant, rawBody: '[1' }),
          404,
          'not-found',
        );
      });
    });

    it("should answer 404 before 413 to an oversized body on another enterprise's case", async () => {
      const rawBody = JSON.stringify({ type: 'WITHDRAW', comment: 'x'.repeat(2 * 1024 * 1024) });
      expectProblem(
        await svc.request('POST', path(inReview, '/events'), { token: who.otherApplicant, rawBody }),
        404,
        'not-found',
      );
    });

    it("should answer 400 before 403 to an auditor's malformed body", async () => {
      await unchanged(inReview, async () => {
        expectProblem(
          await svc.request('POST', path(inReview, '/events'), { token: who.auditor, rawBody: '{"type":' }),
          400,
          'malformed-request',
        );
        expectProblem(
          await sendEvent(svc, who.auditor, inReview, { type: 'APPROVE', extra: true } as never),
          400,
          'malformed-request',
        );
      });
    });

    it('should answer 403 before 422 to a request of another department without a comment', async () => {
      await unchanged(inReview, async () => {
        expectProblem(
          await sendEvent(svc, who.clerk('planning'), inReview, {
            type: 'REQUEST_SUPPLEMENT',
            department: 'fire',
          }),
          403,
          'forbidden',
        );
      });
    });

    it('should answer 422 before 409 to an invalid event the state would not take anyway', async () => {
      await unchanged(inReview, async () => {
        // The window's intake is over, so REQUEST_SUPPLEMENT from it would be 409; the missing comment wins.
        expectProblem(
          await sendEvent(svc, who.clerk('window'), inReview, { type: 'REQUEST_SUPPLEMENT' }),
          422,
          'validation-failed',
        );
        expectProblem(
          await sendEvent(svc, who.clerk('window'), inReview, {
            type: 'REQUEST_SUPPLEMENT',
            comment: 'Everything',
          }),
          409,
          'event-not-allowed',
        );
      });
    });
  });

  describe('Idempotency-Key', () => {
    const countOwn = async () =>
      (await svc.request('GET', '/api/v1/applications?limit=500', { token: who.applicant })).body.items
        .length;

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
});
