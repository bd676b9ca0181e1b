import { expect } from 'chai';
import { describeEachDatabase } from '../support/databases.ts';
import {
  agentToken,
  delegationAction,
  delegationState,
  FAR,
  AGENT_LI,
  delegationPath,
  onBehalf,
} from '../support/delegation.ts';
import { ENTERPRISE } from '../support/harness.ts';
import {
  approveAll,
  casePath,
  caseState,
  createDraft,
  expectProblem,
  sendEvent,
  sendOk,
} from '../support/http.ts';
import { withService } from '../support/with-service.ts';

/*
 * Full-process proxy handling (全程代办) through the HTTP app (issue 4): an agent carrying a construction
 * permit for an enterprise in scope, every act recorded in the enterprise's name.
 */

describeEachDatabase('delegations/acting on behalf', (kind) => {
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
        // The papers the agent handed in before submitting are acts in the enterprise's name too.
        expect(byAgent.filter((r) => r.type === 'MATERIAL_ADDED')).to.not.be.empty;
        expect(byAgent.map((r) => r.type).filter((type) => type !== 'MATERIAL_ADDED')).to.deep.equal(acts);
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
      const acts = (seen.body.acts as Array<{ applicationId: string; type: string }>)
        .filter((a) => a.type !== 'MATERIAL_ADDED')
        .map((a) => `${a.applicationId} ${a.type}`);
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
});
