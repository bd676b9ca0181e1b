import { expect } from 'chai';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { delegationAction, delegationPath, onBehalf } from '../support/delegation.ts';
import { delegationScene, refusalChecks, type DelegationScene } from '../support/delegation-scene.ts';
import { ENTERPRISE, OTHER_ENTERPRISE } from '../support/harness.ts';
import { casePath, caseUnchanged, expectProblem, sendEvent } from '../support/http.ts';
import { withService } from '../support/with-service.ts';

/*
 * Full-process proxy handling (全程代办) through the HTTP app (issue 4): what an agent outside its agreement's
 * scope (no agreement, another stage, another application or enterprise) is refused.
 */

describeEachDatabase('delegations/scope', (kind) => {
  const t = withService(kind);
  const { delegationUnchanged, nothingCreated } = refusalChecks(t);
  let tokens = {} as DelegationScene['tokens'];
  let forLi = '';
  let forSun = '';
  let forZhou = '';
  let pendingForLi = '';
  let filedByLi = '';
  let filedByEnterprise = '';
  let otherCase = '';

  const ids = (response: { body: { items: Array<{ id: string }> } }) => response.body.items.map((i) => i.id);

  before(async () => {
    ({ tokens, forLi, forSun, forZhou, pendingForLi, filedByLi, filedByEnterprise, otherCase } =
      await delegationScene(t));
  });

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
    expect(ids(await t.svc.request('GET', '/api/v1/delegations', { token: sun }))).to.deep.equal([forSun]);
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
    expect(ids(await t.svc.request('GET', '/api/v1/delegations', { token: zhou }))).to.deep.equal([forZhou]);
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
      expectProblem(await sendEvent(t.svc, zhou, filedByEnterprise, { type: 'SUBMIT' }), 404, 'not-found');
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
      expectProblem(await t.svc.request('GET', casePath(otherCase), { token: tokens.li }), 404, 'not-found');
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
    expect(ids(await t.svc.request('GET', '/api/v1/applications', { token: tokens.li }))).to.have.members([
      filedByLi,
      filedByEnterprise,
    ]);
  });
});
