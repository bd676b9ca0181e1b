import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { describeEachDatabase } from '../support/databases.ts';
import { delegationAction, requestDelegation, FAR, AGENT_LI, delegationPath } from '../support/delegation.ts';
import { delegationScene, refusalChecks, type DelegationScene } from '../support/delegation-scene.ts';
import { expectProblem } from '../support/http.ts';
import { withService } from '../support/with-service.ts';

/*
 * Full-process proxy handling (全程代办) through the HTTP app (issue 4): every refusal of the /delegations
 * routes.
 */

describeEachDatabase('delegations/agreement routes', (kind) => {
  const t = withService(kind);
  const { delegationUnchanged, nothingCreated } = refusalChecks(t);
  let tokens = {} as DelegationScene['tokens'];
  let forLi = '';
  let pendingForLi = '';
  let filedByLi = '';
  let otherCase = '';

  before(async () => {
    ({ tokens, forLi, pendingForLi, filedByLi, otherCase } = await delegationScene(t));
  });

  it('should answer 403 to a clerk on every /delegations route', async () => {
    const planning = t.who.clerk('planning');
    await nothingCreated(async () => {
      expectProblem(await t.svc.request('GET', '/api/v1/delegations', { token: planning }), 403, 'forbidden');
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
      expectProblem(await t.svc.request('GET', delegationPath(forLi), { token: planning }), 403, 'forbidden');
      for (const action of ['accept', 'refuse', 'revoke', 'complete'] as const) {
        expectProblem(await delegationAction(t.svc, planning, forLi, action), 403, 'forbidden');
      }
    });
  });

  it('should answer 404 to an enterprise revoking another enterprise’s agreement', async () => {
    await delegationUnchanged(forLi, async () => {
      expectProblem(await delegationAction(t.svc, t.who.otherApplicant, forLi, 'revoke'), 404, 'not-found');
      expectProblem(
        await t.svc.request('GET', delegationPath(forLi), { token: t.who.otherApplicant }),
        404,
        'not-found',
      );
    });
    expectProblem(await delegationAction(t.svc, t.who.applicant, randomUUID(), 'revoke'), 404, 'not-found');
  });

  it('should answer 403 to an agent revoking and to an enterprise accepting or refusing', async () => {
    await delegationUnchanged(forLi, async () => {
      expectProblem(await delegationAction(t.svc, tokens.li, forLi, 'revoke'), 403, 'forbidden');
    });
    await delegationUnchanged(pendingForLi, async () => {
      expectProblem(await delegationAction(t.svc, t.who.applicant, pendingForLi, 'accept'), 403, 'forbidden');
      expectProblem(await delegationAction(t.svc, t.who.applicant, pendingForLi, 'refuse'), 403, 'forbidden');
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
        expect(response.body.errors.map((e: { pointer: string }) => e.pointer)).to.deep.equal(['/expiresAt']);
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
