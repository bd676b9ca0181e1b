import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { fireDueTimers } from '../../src/engine/timers.ts';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import { describeEachDatabase, type DatabaseKind } from '../support/databases.ts';
import {
  activeDelegation,
  agentToken,
  delegationAction,
  delegationState,
  requestDelegation,
  SERVICE_TEAM,
} from '../support/delegation.ts';
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

/*
 * Full-process proxy handling (全程代办) and one-to-one liaison through the HTTP app (issue 4): an agent acting
 * for an enterprise in scope, every refusal around it, revocation and expiry taking effect on the very next
 * request, and the liaison's read-only view.
 */

/** Far enough that nothing in a block expires by accident. */
const FAR = '2026-12-31T18:00:00+08:00';
const AGENT_LI = { sub: 'agent-li', role: 'agent', org: SERVICE_TEAM };

const casePath = (id: string, rest = '') => `/api/v1/applications/${id}${rest}`;
const delegationPath = (id: string, rest = '') => `/api/v1/delegations/${id}${rest}`;

/** A construction-permit body as an agent files it: naming the enterprise in `applicant`. */
const onBehalf = (applicant = ENTERPRISE) => ({ ...constructionPermitApplication(), applicant });

/** A service of its own per block, so that clocks and lists do not leak between blocks. */
function withService(kind: DatabaseKind) {
  const t = {} as { svc: TestService; who: People; admin: string };
  before(async () => {
    t.svc = await startTestService(kind);
    t.who = people(t.svc, ENTERPRISE, OTHER_ENTERPRISE);
    t.admin = t.svc.token({ sub: 'admin-1', role: 'admin' });
  });
  after(async () => {
    await t.svc?.close();
  });
  return t;
}

describeEachDatabase('http/delegation', (kind) => {
  describe('an agent carrying a construction permit from draft to issue', () => {
    const t = withService(kind);
    let li = '';
    let delegation = '';
    let permit = '';
    let withdrawn = '';

    it('should let the enterprise request proxy handling for stages 2 and 3, naming the agent', async () => {
      li = agentToken(t.svc, 'agent-li');
      const created = await t.svc.request('POST', '/api/v1/delegations', {
        token: t.who.applicant,
        body: { agent: 'agent-li', stages: [2, 3], expiresAt: FAR, note: 'Building 3, permits' },
      });
      expect(created.status, JSON.stringify(created.body)).to.equal(201);
      expect(created.body).to.include({
        status: 'requested',
        enterprise: ENTERPRISE,
        agent: 'agent-li',
        holder: null,
        expiresAt: '2026-12-31T10:00:00.000Z',
      });
      expect(created.body.stages).to.deep.equal([2, 3]);
      delegation = created.body.id;
      expect(created.headers.get('location')).to.equal(delegationPath(delegation));
      // The named agent finds the request waiting for it.
      const waiting = await t.svc.request('GET', '/api/v1/delegations', { token: li });
      expect(waiting.body.items.map((d: { id: string }) => d.id)).to.deep.equal([delegation]);
    });

    it('should make the named agent the holder when it accepts, and answer a second accept 409', async () => {
      const accepted = await delegationAction(t.svc, li, delegation, 'accept');
      expect(accepted.status, JSON.stringify(accepted.body)).to.equal(200);
      expect(accepted.body).to.include({ id: delegation, status: 'active', holder: 'agent-li' });

      const before = await delegationState(t.svc, t.who.auditor, delegation);
      expectProblem(await delegationAction(t.svc, li, delegation, 'accept'), 409, 'event-not-allowed');
      expect(await delegationState(t.svc, t.who.auditor, delegation)).to.deep.equal(before);
    });

    it('should let the agent create a draft for the enterprise, naming it in applicant', async () => {
      const created = await t.svc.request('POST', '/api/v1/applications', { token: li, body: onBehalf() });
      expect(created.status, JSON.stringify(created.body)).to.equal(201);
      expect(created.body).to.include({
        workflow: 'construction-permit',
        applicant: ENTERPRISE,
        status: 'draft',
        version: 1,
      });
      expect(created.body.allowedEvents).to.have.members(['SUBMIT', 'WITHDRAW']);
      permit = created.body.id;
      // The case is the enterprise's: it sees it too, and the agent lists it.
      expect((await t.svc.request('GET', casePath(permit), { token: t.who.applicant })).status).to.equal(200);
      const listed = await t.svc.request('GET', '/api/v1/applications', { token: li });
      expect(listed.body.items.map((a: { id: string }) => a.id)).to.deep.equal([permit]);
    });

    it('should let the agent change the draft (PATCH)', async () => {
      const patched = await t.svc.request('PATCH', casePath(permit), {
        token: li,
        body: { project: { location: 'Aviation Town, Plot GX-2026-017' }, form: { storeys: 5 } },
      });
      expect(patched.status, JSON.stringify(patched.body)).to.equal(200);
      expect(patched.body).to.include({ version: 2 });
      expect(patched.body.form.storeys).to.equal(5);
    });

    it('should let the agent submit, and supplement what a department asks for', async () => {
      t.svc.clock.set('2026-03-02T10:00:00+08:00');
      const submitted = await sendOk(t.svc, li, permit, { type: 'SUBMIT' });
      expect(submitted.body.status).to.equal('submitted');
      await sendOk(t.svc, t.who.clerk('window'), permit, { type: 'ACCEPT' });
      t.svc.clock.set('2026-03-03T10:00:00+08:00');
      await sendOk(t.svc, t.who.clerk('planning'), permit, {
        type: 'REQUEST_SUPPLEMENT',
        department: 'planning',
        comment: 'planning: the stamped site plan is missing',
      });
      const waiting = await t.svc.request('GET', casePath(permit), { token: li });
      expect(waiting.body.status).to.equal('supplementing');
      expect(waiting.body.allowedEvents).to.have.members(['SUPPLEMENT', 'WITHDRAW']);

      t.svc.clock.set('2026-03-04T10:00:00+08:00');
      const supplemented = await sendOk(t.svc, li, permit, { type: 'SUPPLEMENT' });
      expect(supplemented.body.status).to.equal('in_review');
    });

    it('should refuse the agent a clerk’s event with 403 and change nothing', async () => {
      const before = await caseState(t.svc, t.who.auditor, permit);
      for (const event of [
        { type: 'ACCEPT' },
        { type: 'APPROVE', department: 'planning' },
        { type: 'APPROVE' },
        { type: 'REQUEST_SUPPLEMENT', department: 'housing', comment: 'more papers' },
        { type: 'ISSUE' },
      ]) {
        expectProblem(await sendEvent(t.svc, li, permit, event), 403, 'forbidden');
      }
      expect(await caseState(t.svc, t.who.auditor, permit)).to.deep.equal(before);
    });

    it('should let the agent pay the fee a clerk assessed', async () => {
      const assessed = await t.svc.request('POST', casePath(permit, '/fees'), {
        token: t.who.clerk('window'),
        body: { code: 'real-estate-registration' },
      });
      expect(assessed.status, JSON.stringify(assessed.body)).to.equal(201);
      const paid = await t.svc.request('POST', casePath(permit, `/fees/${assessed.body.id}/pay`), {
        token: li,
        body: { paymentRef: 'UNIONPAY-2026-0304-0001' },
      });
      expect(paid.status, JSON.stringify(paid.body)).to.equal(200);
      expect(paid.body).to.include({ status: 'paid' });
    });

    it('should let the departments approve and the window issue the permit', async () => {
      t.svc.clock.set('2026-03-05T10:00:00+08:00');
      await approveAll(t.svc, t.who, permit);
      const issued = await sendOk(t.svc, t.who.clerk('window'), permit, { type: 'ISSUE' });
      expect(issued.body.status).to.equal('approved');
      const seen = await t.svc.request('GET', casePath(permit), { token: li });
      expect(seen.body).to.include({ status: 'approved' });
      expect(seen.body.allowedEvents).to.deep.equal([]);
    });

    it('should let the agent withdraw a second case it filed', async () => {
      withdrawn = await createDraft(t.svc, li, onBehalf());
      await sendOk(t.svc, li, withdrawn, { type: 'SUBMIT' });
      const answer = await sendOk(t.svc, li, withdrawn, { type: 'WITHDRAW' });
      expect(answer.body.status).to.equal('withdrawn');
    });

    it('should show actor = the agent and onBehalfOf = the enterprise for every delegated act', async () => {
      const expected: Record<string, string[]> = {
        [permit]: ['CREATE', 'UPDATE_DRAFT', 'SUBMIT', 'SUPPLEMENT', 'FEE_SETTLED'],
        [withdrawn]: ['CREATE', 'SUBMIT', 'WITHDRAW'],
      };
      for (const [id, acts] of Object.entries(expected)) {
        const history = await t.svc.request('GET', casePath(id, '/history'), { token: t.who.applicant });
        expect(history.status).to.equal(200);
        const items = history.body.items as Array<{
          seq: number;
          type: string;
          actor: { sub: string };
          onBehalfOf: string | null;
        }>;
        const byAgent = items.filter((r) => r.actor.sub === 'agent-li');
        expect(byAgent.map((r) => r.type)).to.deep.equal(acts);
        for (const record of byAgent) {
          expect(record, `${record.type} (seq ${record.seq})`).to.deep.include({
            actor: AGENT_LI,
            onBehalfOf: ENTERPRISE,
          });
        }
        // CREATE says who created the draft, and for whom.
        expect(items[0]).to.deep.include({
          seq: 1,
          type: 'CREATE',
          actor: AGENT_LI,
          onBehalfOf: ENTERPRISE,
        });
        // The clerks act for themselves.
        for (const record of items.filter((r) => r.actor.sub.startsWith('clerk-'))) {
          expect(record.onBehalfOf, record.type).to.equal(null);
        }
      }
    });

    it('should record the agent’s fee payment on behalf of the enterprise', async () => {
      const history = await t.svc.request('GET', casePath(permit, '/history'), { token: t.who.applicant });
      const settled = history.body.items.find((r: { type: string }) => r.type === 'FEE_SETTLED');
      expect(settled).to.deep.include({ actor: AGENT_LI, onBehalfOf: ENTERPRISE });
    });

    it('should show the enterprise its agreement, who holds it, and every act done in its name', async () => {
      const seen = await t.svc.request('GET', delegationPath(delegation), { token: t.who.applicant });
      expect(seen.status).to.equal(200);
      expect(seen.body).to.include({ status: 'active', holder: 'agent-li', enterprise: ENTERPRISE });
      expect(
        seen.body.history.map((r: { type: string; actor: { sub: string } }) => [r.type, r.actor.sub]),
      ).to.deep.equal([
        ['CREATE', 'ent-user'],
        ['ACCEPT', 'agent-li'],
      ]);
      const acts = (seen.body.acts as Array<{ applicationId: string; type: string }>).map(
        (a) => `${a.applicationId} ${a.type}`,
      );
      expect(acts).to.have.members([
        ...['CREATE', 'UPDATE_DRAFT', 'SUBMIT', 'SUPPLEMENT', 'FEE_SETTLED'].map(
          (type) => `${permit} ${type}`,
        ),
        ...['CREATE', 'SUBMIT', 'WITHDRAW'].map((type) => `${withdrawn} ${type}`),
      ]);
      for (const act of seen.body.acts) {
        expect(act).to.deep.include({ actor: AGENT_LI });
      }
      const listed = await t.svc.request('GET', '/api/v1/delegations', { token: t.who.applicant });
      expect(listed.body.items).to.have.length(1);
      expect(listed.body.items[0]).to.include({ id: delegation, holder: 'agent-li', status: 'active' });
      // Another enterprise sees nothing of it.
      const other = await t.svc.request('GET', '/api/v1/delegations', { token: t.who.otherApplicant });
      expect(other.body.items).to.deep.equal([]);
    });

    it('should let the holder conclude the agreement, after which the cases are out of its sight', async () => {
      const concluded = await delegationAction(t.svc, li, delegation, 'complete');
      expect(concluded.status, JSON.stringify(concluded.body)).to.equal(200);
      expect(concluded.body.status).to.equal('concluded');
      expectProblem(await t.svc.request('GET', casePath(permit), { token: li }), 404, 'not-found');
      expect((await t.svc.request('GET', '/api/v1/applications', { token: li })).body.items).to.deep.equal(
        [],
      );
    });
  });

  describe('refusals', () => {
    const t = withService(kind);
    const tokens = {} as Record<'li' | 'zhao' | 'wang' | 'sun' | 'zhou', string>;
    /** Active for agent-li: stages 2 and 3. */
    let forLi = '';
    /** Active for agent-sun: stage 4 only. */
    let forSun = '';
    /** Active for agent-zhou: the one application `filedByLi`. */
    let forZhou = '';
    /** Requested, naming agent-li. */
    let pendingForLi = '';
    let filedByLi = '';
    let filedByEnterprise = '';
    let otherCase = '';

    /** Runs `refuse` and checks that the agreement is the same afterwards. */
    async function delegationUnchanged(id: string, refuse: () => Promise<void>): Promise<void> {
      const before = await delegationState(t.svc, t.who.auditor, id);
      await refuse();
      expect(await delegationState(t.svc, t.who.auditor, id)).to.deep.equal(before);
    }

    /** Runs `refuse` and checks that no application and no agreement was created. */
    async function nothingCreated(refuse: () => Promise<void>): Promise<void> {
      const count = async () => {
        const [apps, agreements] = await Promise.all([
          t.svc.request('GET', '/api/v1/applications?limit=500', { token: t.who.auditor }),
          t.svc.request('GET', '/api/v1/delegations?limit=500', { token: t.who.auditor }),
        ]);
        return [apps.body.items.length, agreements.body.items.length];
      };
      const before = await count();
      await refuse();
      expect(await count()).to.deep.equal(before);
    }

    const ids = (response: { body: { items: Array<{ id: string }> } }) =>
      response.body.items.map((i) => i.id);

    before(async () => {
      for (const sub of ['li', 'zhao', 'wang', 'sun', 'zhou'] as const) {
        tokens[sub] = agentToken(t.svc, `agent-${sub}`);
      }
      forLi = await activeDelegation(t.svc, t.who.applicant, tokens.li, {
        agent: 'agent-li',
        stages: [2, 3],
        expiresAt: FAR,
      });
      filedByLi = await createDraft(t.svc, tokens.li, onBehalf());
      filedByEnterprise = await createDraft(t.svc, t.who.applicant, constructionPermitApplication());
      otherCase = await createDraft(t.svc, t.who.otherApplicant, constructionPermitApplication());
      forSun = await activeDelegation(t.svc, t.who.applicant, tokens.sun, {
        agent: 'agent-sun',
        stages: [4],
        expiresAt: FAR,
      });
      forZhou = await activeDelegation(t.svc, t.who.applicant, tokens.zhou, {
        agent: 'agent-zhou',
        applications: [filedByLi],
        expiresAt: FAR,
      });
      pendingForLi = await requestDelegation(t.svc, t.who.applicant, { agent: 'agent-li', expiresAt: FAR });
    });

    describe('agents', () => {
      it('should refuse an agent without any agreement: 404 on the case, 403 creating with applicant', async () => {
        const wang = tokens.wang;
        await caseUnchanged(t, filedByLi, async () => {
          expectProblem(await t.svc.request('GET', casePath(filedByLi), { token: wang }), 404, 'not-found');
          expectProblem(
            await t.svc.request('GET', casePath(filedByLi, '/history'), { token: wang }),
            404,
            'not-found',
          );
          expectProblem(await sendEvent(t.svc, wang, filedByLi, { type: 'SUBMIT' }), 404, 'not-found');
          expectProblem(
            await t.svc.request('PATCH', casePath(filedByLi), {
              token: wang,
              body: { form: { storeys: 9 } },
            }),
            404,
            'not-found',
          );
        });
        await nothingCreated(async () => {
          expectProblem(
            await t.svc.request('POST', '/api/v1/applications', { token: wang, body: onBehalf() }),
            403,
            'forbidden',
          );
          // Without `applicant` an agent files for nobody.
          expectProblem(
            await t.svc.request('POST', '/api/v1/applications', {
              token: wang,
              body: constructionPermitApplication(),
            }),
            403,
            'forbidden',
          );
        });
        expect(ids(await t.svc.request('GET', '/api/v1/applications', { token: wang }))).to.deep.equal([]);
        expect(ids(await t.svc.request('GET', '/api/v1/delegations', { token: wang }))).to.deep.equal([]);
      });

      it('should hide an agreement naming one agent from a second agent (404) and its cases too', async () => {
        const zhao = tokens.zhao;
        for (const id of [pendingForLi, forLi]) {
          await delegationUnchanged(id, async () => {
            expectProblem(await t.svc.request('GET', delegationPath(id), { token: zhao }), 404, 'not-found');
            expectProblem(await delegationAction(t.svc, zhao, id, 'accept'), 404, 'not-found');
            expectProblem(await delegationAction(t.svc, zhao, id, 'refuse'), 404, 'not-found');
            expectProblem(await delegationAction(t.svc, zhao, id, 'complete'), 404, 'not-found');
            // 404 comes before the body is read.
            expectProblem(
              await t.svc.request('POST', delegationPath(id, '/accept'), { token: zhao, rawBody: '{' }),
              404,
              'not-found',
            );
          });
        }
        for (const id of [filedByLi, filedByEnterprise]) {
          await caseUnchanged(t, id, async () => {
            expectProblem(await t.svc.request('GET', casePath(id), { token: zhao }), 404, 'not-found');
            expectProblem(await sendEvent(t.svc, zhao, id, { type: 'SUBMIT' }), 404, 'not-found');
          });
        }
        expect(ids(await t.svc.request('GET', '/api/v1/applications', { token: zhao }))).to.deep.equal([]);
      });

      it('should keep an agent with a stage-4 agreement off construction-permit cases', async () => {
        const sun = tokens.sun;
        expect(ids(await t.svc.request('GET', '/api/v1/delegations', { token: sun }))).to.deep.equal([
          forSun,
        ]);
        for (const id of [filedByLi, filedByEnterprise]) {
          await caseUnchanged(t, id, async () => {
            expectProblem(await t.svc.request('GET', casePath(id), { token: sun }), 404, 'not-found');
            expectProblem(await sendEvent(t.svc, sun, id, { type: 'SUBMIT' }), 404, 'not-found');
          });
        }
        await nothingCreated(async () => {
          expectProblem(
            await t.svc.request('POST', '/api/v1/applications', { token: sun, body: onBehalf() }),
            403,
            'forbidden',
          );
        });
        expect(ids(await t.svc.request('GET', '/api/v1/applications', { token: sun }))).to.deep.equal([]);
        // In scope, the same agent may file: a completion acceptance is stage 4.
        const completion = await t.svc.request('POST', '/api/v1/applications', {
          token: sun,
          body: {
            workflow: 'completion-acceptance',
            applicant: ENTERPRISE,
            project: { name: 'Aviation Town Component Plant, Building 3' },
          },
        });
        expect(completion.status, JSON.stringify(completion.body)).to.equal(201);
        expect(ids(await t.svc.request('GET', '/api/v1/applications', { token: sun }))).to.deep.equal([
          completion.body.id,
        ]);
        // …which the stage 2–3 agent in turn does not see.
        expectProblem(
          await t.svc.request('GET', casePath(completion.body.id), { token: tokens.li }),
          404,
          'not-found',
        );
      });

      it('should let an agent with an agreement for named applications see only those', async () => {
        const zhou = tokens.zhou;
        expect(ids(await t.svc.request('GET', '/api/v1/delegations', { token: zhou }))).to.deep.equal([
          forZhou,
        ]);
        const named = await t.svc.request('GET', casePath(filedByLi), { token: zhou });
        expect(named.status).to.equal(200);
        expect(named.body.allowedEvents).to.have.members(['SUBMIT', 'WITHDRAW']);
        expect(ids(await t.svc.request('GET', '/api/v1/applications', { token: zhou }))).to.deep.equal([
          filedByLi,
        ]);
        await caseUnchanged(t, filedByEnterprise, async () => {
          expectProblem(
            await t.svc.request('GET', casePath(filedByEnterprise), { token: zhou }),
            404,
            'not-found',
          );
          expectProblem(
            await sendEvent(t.svc, zhou, filedByEnterprise, { type: 'SUBMIT' }),
            404,
            'not-found',
          );
        });
        await nothingCreated(async () => {
          expectProblem(
            await t.svc.request('POST', '/api/v1/applications', { token: zhou, body: onBehalf() }),
            403,
            'forbidden',
          );
        });
      });

      it('should answer 403 to an agent sending a clerk’s event and change nothing', async () => {
        await caseUnchanged(t, filedByLi, async () => {
          for (const event of [
            { type: 'ACCEPT' },
            { type: 'ACCEPT', department: 'window' },
            { type: 'APPROVE', department: 'planning' },
            { type: 'REFUSE', comment: 'not a construction project' },
            { type: 'ISSUE' },
          ]) {
            expectProblem(await sendEvent(t.svc, tokens.li, filedByLi, event), 403, 'forbidden');
          }
        });
      });

      it('should answer 404 to an agent on another enterprise’s case, 403 filing for it', async () => {
        await caseUnchanged(t, otherCase, async () => {
          expectProblem(
            await t.svc.request('GET', casePath(otherCase), { token: tokens.li }),
            404,
            'not-found',
          );
          expectProblem(await sendEvent(t.svc, tokens.li, otherCase, { type: 'SUBMIT' }), 404, 'not-found');
          expectProblem(
            await t.svc.request('PATCH', casePath(otherCase), { token: tokens.li, body: { form: {} } }),
            404,
            'not-found',
          );
        });
        await nothingCreated(async () => {
          expectProblem(
            await t.svc.request('POST', '/api/v1/applications', {
              token: tokens.li,
              body: onBehalf(OTHER_ENTERPRISE),
            }),
            403,
            'forbidden',
          );
        });
        expect(ids(await t.svc.request('GET', '/api/v1/applications', { token: tokens.li }))).to.have.members(
          [filedByLi, filedByEnterprise],
        );
      });
    });

    describe('the agreement routes', () => {
      it('should answer 403 to a clerk on every /delegations route', async () => {
        const planning = t.who.clerk('planning');
        await nothingCreated(async () => {
          expectProblem(
            await t.svc.request('GET', '/api/v1/delegations', { token: planning }),
            403,
            'forbidden',
          );
          expectProblem(
            await t.svc.request('POST', '/api/v1/delegations', {
              token: planning,
              body: { expiresAt: FAR },
            }),
            403,
            'forbidden',
          );
        });
        await delegationUnchanged(forLi, async () => {
          expectProblem(
            await t.svc.request('GET', delegationPath(forLi), { token: planning }),
            403,
            'forbidden',
          );
          for (const action of ['accept', 'refuse', 'revoke', 'complete'] as const) {
            expectProblem(await delegationAction(t.svc, planning, forLi, action), 403, 'forbidden');
          }
        });
      });

      it('should answer 404 to an enterprise revoking another enterprise’s agreement', async () => {
        await delegationUnchanged(forLi, async () => {
          expectProblem(
            await delegationAction(t.svc, t.who.otherApplicant, forLi, 'revoke'),
            404,
            'not-found',
          );
          expectProblem(
            await t.svc.request('GET', delegationPath(forLi), { token: t.who.otherApplicant }),
            404,
            'not-found',
          );
        });
        expectProblem(
          await delegationAction(t.svc, t.who.applicant, randomUUID(), 'revoke'),
          404,
          'not-found',
        );
      });

      it('should answer 403 to an agent revoking and to an enterprise accepting or refusing', async () => {
        await delegationUnchanged(forLi, async () => {
          expectProblem(await delegationAction(t.svc, tokens.li, forLi, 'revoke'), 403, 'forbidden');
        });
        await delegationUnchanged(pendingForLi, async () => {
          expectProblem(
            await delegationAction(t.svc, t.who.applicant, pendingForLi, 'accept'),
            403,
            'forbidden',
          );
          expectProblem(
            await delegationAction(t.svc, t.who.applicant, pendingForLi, 'refuse'),
            403,
            'forbidden',
          );
        });
        await nothingCreated(async () => {
          expectProblem(
            await t.svc.request('POST', '/api/v1/delegations', {
              token: tokens.li,
              body: { expiresAt: FAR },
            }),
            403,
            'forbidden',
          );
        });
      });

      it('should answer 409 to accepting twice and to concluding an agreement not yet signed', async () => {
        await delegationUnchanged(forLi, async () => {
          expectProblem(await delegationAction(t.svc, tokens.li, forLi, 'accept'), 409, 'event-not-allowed');
        });
        await delegationUnchanged(pendingForLi, async () => {
          expectProblem(
            await delegationAction(t.svc, t.who.applicant, pendingForLi, 'complete'),
            409,
            'event-not-allowed',
          );
        });
      });

      it('should answer 422 to a request whose expiresAt has passed', async () => {
        await nothingCreated(async () => {
          for (const expiresAt of ['2026-03-01T18:00:00+08:00', '2026-03-02T09:00:00+08:00']) {
            const response = await t.svc.request('POST', '/api/v1/delegations', {
              token: t.who.applicant,
              body: { agent: 'agent-li', expiresAt },
            });
            expectProblem(response, 422, 'validation-failed');
            expect(response.body.errors.map((e: { pointer: string }) => e.pointer)).to.deep.equal([
              '/expiresAt',
            ]);
          }
        });
      });

      it('should answer 422 to a request naming an application of another enterprise or none', async () => {
        await nothingCreated(async () => {
          const response = await t.svc.request('POST', '/api/v1/delegations', {
            token: t.who.applicant,
            body: { applications: [filedByLi, otherCase, randomUUID()], expiresAt: FAR },
          });
          expectProblem(response, 422, 'validation-failed');
          expect(response.body.errors.map((e: { pointer: string }) => e.pointer)).to.deep.equal([
            '/applications/1',
            '/applications/2',
          ]);
          // An agreement is not an application either, nor a workflow a stage.
          const agreement = await t.svc.request('POST', '/api/v1/delegations', {
            token: t.who.applicant,
            body: { applications: [forLi], stages: ['delegation'], expiresAt: FAR },
          });
          expectProblem(agreement, 422, 'validation-failed');
          expect(agreement.body.errors.map((e: { pointer: string }) => e.pointer)).to.have.members([
            '/applications/0',
            '/stages/0',
          ]);
        });
      });

      it('should answer 400 to a malformed request, before the role and the content are checked', async () => {
        const bodies: unknown[] = [
          {},
          { expiresAt: 'next Friday' },
          { expiresAt: FAR, stages: [9] },
          { expiresAt: FAR, stages: [] },
          { expiresAt: FAR, applications: ['not-a-uuid'] },
          { expiresAt: FAR, agent: '' },
          { expiresAt: FAR, unexpected: true },
          [],
        ];
        await nothingCreated(async () => {
          for (const body of bodies) {
            for (const token of [t.who.applicant, tokens.li]) {
              const response = await t.svc.request('POST', '/api/v1/delegations', { token, body });
              expectProblem(response, 400, 'malformed-request');
            }
          }
          expectProblem(
            await t.svc.request('POST', '/api/v1/delegations', {
              token: t.who.applicant,
              rawBody: '{"expiresAt":',
            }),
            400,
            'malformed-request',
          );
        });
      });

      it('should take a refusal with its reasons only (422 without), and a malformed action body as 400', async () => {
        const id = await requestDelegation(t.svc, t.who.applicant, { agent: 'agent-li', expiresAt: FAR });
        await delegationUnchanged(id, async () => {
          const bare = await delegationAction(t.svc, tokens.li, id, 'refuse');
          expectProblem(bare, 422, 'validation-failed');
          expect(bare.body.errors.map((e: { pointer: string }) => e.pointer)).to.deep.equal(['/comment']);
          for (const body of [{ comment: 7 }, { reason: 'busy' }, ['busy']]) {
            expectProblem(
              await t.svc.request('POST', delegationPath(id, '/refuse'), { token: tokens.li, body }),
              400,
              'malformed-request',
            );
          }
        });
        const refused = await t.svc.request('POST', delegationPath(id, '/refuse'), {
          token: tokens.li,
          body: { comment: 'the team is fully booked until June' },
        });
        expect(refused.status, JSON.stringify(refused.body)).to.equal(200);
        expect(refused.body).to.include({ status: 'refused', holder: null });
        const seen = await t.svc.request('GET', delegationPath(id), { token: t.who.applicant });
        expect(seen.body.history.at(-1)).to.deep.include({
          type: 'REFUSE',
          comment: 'the team is fully booked until June',
          actor: AGENT_LI,
        });
      });
    });
  });

  describe('revocation', () => {
    const t = withService(kind);

    it('should refuse the agent on the very next request after the enterprise revokes', async () => {
      const li = agentToken(t.svc, 'agent-li');
      const delegation = await activeDelegation(t.svc, t.who.applicant, li, { expiresAt: FAR });
      const id = await createDraft(t.svc, li, onBehalf());
      expect((await t.svc.request('GET', casePath(id), { token: li })).status).to.equal(200);

      const revoked = await delegationAction(t.svc, t.who.applicant, delegation, 'revoke');
      expect(revoked.status, JSON.stringify(revoked.body)).to.equal(200);
      expect(revoked.body.status).to.equal('revoked');

      await caseUnchanged(t, id, async () => {
        expectProblem(await t.svc.request('GET', casePath(id), { token: li }), 404, 'not-found');
        expectProblem(await sendEvent(t.svc, li, id, { type: 'SUBMIT' }), 404, 'not-found');
        expectProblem(
          await t.svc.request('PATCH', casePath(id), { token: li, body: { form: { storeys: 9 } } }),
          404,
          'not-found',
        );
        expectProblem(
          await t.svc.request('POST', '/api/v1/applications', { token: li, body: onBehalf() }),
          403,
          'forbidden',
        );
      });
      expect((await t.svc.request('GET', '/api/v1/applications', { token: li })).body.items).to.deep.equal(
        [],
      );
      // The expiry timer went with it; the agent still sees the agreement it held, as revoked.
      const timers = await t.svc.service.db.knex('timers').where({ application_id: delegation });
      expect(timers).to.deep.equal([]);
      const held = await t.svc.request('GET', delegationPath(delegation), { token: li });
      expect(held.body).to.include({ status: 'revoked', holder: 'agent-li' });
      expect(held.body.history.at(-1)).to.deep.include({
        type: 'REVOKE',
        actor: { sub: 'ent-user', role: 'applicant', org: ENTERPRISE },
      });
      // Nothing more to do on a revoked agreement.
      expectProblem(await delegationAction(t.svc, li, delegation, 'complete'), 409, 'event-not-allowed');
    });
  });

  describe('expiry', () => {
    const t = withService(kind);

    it('should refuse the agent once expiresAt has passed, before the timer fires, and expire on the sweep', async () => {
      const li = agentToken(t.svc, 'agent-li');
      const expiresAt = '2026-03-04T18:00:00+08:00';
      const delegation = await activeDelegation(t.svc, t.who.applicant, li, {
        agent: 'agent-li',
        expiresAt,
      });
      const late = await requestDelegation(t.svc, t.who.applicant, { agent: 'agent-li', expiresAt });
      const id = await createDraft(t.svc, li, onBehalf());
      t.svc.clock.set('2026-03-04T17:59:59+08:00');
      expect((await t.svc.request('GET', casePath(id), { token: li })).status).to.equal(200);

      t.svc.clock.set('2026-03-04T18:00:01+08:00');
      await caseUnchanged(t, id, async () => {
        expectProblem(await t.svc.request('GET', casePath(id), { token: li }), 404, 'not-found');
        expectProblem(await sendEvent(t.svc, li, id, { type: 'SUBMIT' }), 404, 'not-found');
        expectProblem(
          await t.svc.request('POST', '/api/v1/applications', { token: li, body: onBehalf() }),
          403,
          'forbidden',
        );
      });
      expect((await t.svc.request('GET', '/api/v1/applications', { token: li })).body.items).to.deep.equal(
        [],
      );
      // The timer has not fired yet: the record still says active, but nothing passes.
      expect((await delegationState(t.svc, t.who.applicant, delegation)).status).to.equal('active');
      // An agreement past its date cannot be signed either.
      const before = await delegationState(t.svc, t.who.auditor, late);
      expectProblem(await delegationAction(t.svc, li, late, 'accept'), 409, 'event-not-allowed');
      expect(await delegationState(t.svc, t.who.auditor, late)).to.deep.equal(before);

      const sweep = await fireDueTimers(t.svc.service.db, t.svc.service.engine);
      expect(sweep).to.deep.equal({ fired: 2, stale: 0, failed: [] });
      for (const agreement of [delegation, late]) {
        const seen = await t.svc.request('GET', delegationPath(agreement), { token: t.who.applicant });
        expect(seen.body.status).to.equal('expired');
        // Expired at the agreement's date, not when the sweep ran a second later.
        expect(seen.body.concludedAt).to.equal('2026-03-04T10:00:00.000Z');
        expect(seen.body.history.at(-1)).to.deep.include({
          type: 'EXPIRE',
          actor: { sub: 'zerotrip-scheduler', role: 'system', org: null },
        });
      }
      expectProblem(await t.svc.request('GET', casePath(id), { token: li }), 404, 'not-found');
      // The enterprise's own case is untouched by the end of the agreement.
      expect((await t.svc.request('GET', casePath(id), { token: t.who.applicant })).status).to.equal(200);
    });
  });

  describe('one-to-one liaison', () => {
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
        expect((await t.svc.request('GET', casePath(id, '/history'), { token: liaison })).status).to.equal(
          200,
        );
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
});

/** Runs `refuse` and checks that the case's version, status and history are the same afterwards. */
async function caseUnchanged(
  t: { svc: TestService; who: People },
  id: string,
  refuse: () => Promise<void>,
): Promise<void> {
  const before = await caseState(t.svc, t.who.auditor, id);
  await refuse();
  expect(await caseState(t.svc, t.who.auditor, id)).to.deep.equal(before);
}
