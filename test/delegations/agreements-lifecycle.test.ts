import { expect } from 'chai';
import { fireDueTimers } from '../../src/engine/timers.ts';
import { describeEachDatabase } from '../support/databases.ts';
import {
  activeDelegation,
  agentToken,
  delegationAction,
  delegationState,
  requestDelegation,
  FAR,
  delegationPath,
  onBehalf,
} from '../support/delegation.ts';
import { ENTERPRISE } from '../support/harness.ts';
import { casePath, caseUnchanged, createDraft, expectProblem, sendEvent } from '../support/http.ts';
import { withService } from '../support/with-service.ts';

/*
 * Full-process proxy handling (全程代办) through the HTTP app (issue 4): revocation and expiry taking effect
 * on the very next request.
 */

describeEachDatabase('delegations/agreements lifecycle', (kind) => {
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
});
