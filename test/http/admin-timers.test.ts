import { expect } from 'chai';
import { fireDueTimers, TIMER_MAX_ATTEMPTS } from '../../src/engine/timers.ts';
import { minimalPermitForm, permitProject } from '../fixtures/construction-permit.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { ENTERPRISE, OTHER_ENTERPRISE } from '../support/harness.ts';
import { createDraft, expectProblem, people, startTestService, type TestService } from '../support/http.ts';

/** A timer whose event always fails (SUBMIT of an incomplete draft), tried until it is parked as dead. */
async function deadTimer(svc: TestService, token: string): Promise<{ id: string; timerId: number }> {
  const id = await createDraft(svc, token, { workflow: 'construction-permit', project: permitProject });
  const [timerId] = await svc.service.db
    .knex('timers')
    .insert({
      application_id: id,
      timer_key: 'poison',
      event: JSON.stringify({ type: 'SUBMIT' }),
      due_at: svc.clock.now().toISOString(),
      created_at: svc.clock.now().toISOString(),
    })
    .returning('id');
  for (let i = 0; i < TIMER_MAX_ATTEMPTS; i++) {
    svc.clock.advance({ hours: 2 });
    await fireDueTimers(svc.service.db, svc.service.engine);
  }
  return { id, timerId: Number(typeof timerId === 'object' ? timerId.id : timerId) };
}

describeEachDatabase('http/admin timers', (kind) => {
  let svc: TestService;
  beforeEach(async () => {
    svc = await startTestService(kind);
  });
  afterEach(async () => {
    await svc?.close();
  });

  it('should list dead timers to administrators and count them on /metrics', async () => {
    const who = people(svc, ENTERPRISE, OTHER_ENTERPRISE);
    const admin = svc.token({ sub: 'admin-1', role: 'admin' });
    const before = await svc.request('GET', '/metrics');
    expect(before.body).to.match(/^zerotrip_timers_dead 0$/m);

    const { id, timerId } = await deadTimer(svc, who.applicant);
    const dead = await svc.request('GET', '/api/v1/admin/timers?status=dead', { token: admin });
    expect(dead.status).to.equal(200);
    expect(dead.body.items).to.have.length(1);
    expect(dead.body.items[0]).to.deep.include({
      id: timerId,
      applicationId: id,
      key: 'poison',
      event: 'SUBMIT',
      attempts: TIMER_MAX_ATTEMPTS,
    });
    expect(dead.body.items[0].deadAt).to.be.a('string');
    expect(dead.body.items[0].lastError).to.match(/incomplete or invalid/);
    // `dead` is the default; nothing is still being retried.
    expect((await svc.request('GET', '/api/v1/admin/timers', { token: admin })).body.items).to.have.length(1);
    const retrying = await svc.request('GET', '/api/v1/admin/timers?status=retrying', { token: admin });
    expect(retrying.body.items).to.deep.equal([]);

    expect((await svc.request('GET', '/metrics')).body).to.match(/^zerotrip_timers_dead 1$/m);

    // Once the cause is fixed (here: the form completed), a retry gives the timer a fresh start.
    await svc.service.db
      .knex('applications')
      .where({ id })
      .update({ form: JSON.stringify(minimalPermitForm) });
    const retried = await svc.request('POST', `/api/v1/admin/timers/${timerId}/retry`, { token: admin });
    expect(retried.status).to.equal(200);
    expect(retried.body).to.deep.include({ id: timerId, attempts: 0, deadAt: null, retryAt: null });
    expect(await fireDueTimers(svc.service.db, svc.service.engine)).to.deep.include({
      fired: 1,
      failed: [],
    });
    // /metrics reads the database once per scrape interval (15 s): the next interval shows the change.
    svc.clock.advance({ ms: 16_000 });
    expect((await svc.request('GET', '/metrics')).body).to.match(/^zerotrip_timers_dead 0$/m);
    const gone = await svc.request('POST', `/api/v1/admin/timers/${timerId}/retry`, { token: admin });
    expectProblem(gone, 404, 'not-found');
  });

  it('should refuse anyone but an administrator, and a status it does not know', async () => {
    const who = people(svc, ENTERPRISE, OTHER_ENTERPRISE);
    const admin = svc.token({ sub: 'admin-1', role: 'admin' });
    expectProblem(await svc.request('GET', '/api/v1/admin/timers', { token: who.auditor }), 403, 'forbidden');
    expect((await svc.request('GET', '/api/v1/admin/timers')).status).to.equal(401);
    const bad = await svc.request('GET', '/api/v1/admin/timers?status=zombie', { token: admin });
    expectProblem(bad, 400, 'malformed-request');
    expect(bad.body.detail).to.match(/dead or retrying/);
    expectProblem(
      await svc.request('POST', '/api/v1/admin/timers/1/retry', { token: who.auditor }),
      403,
      'forbidden',
    );
    // Ids are whole numbers within the column's range, as for fees and inspections: anything else is no timer.
    for (const id of ['x1', '99999999999'])
      expectProblem(
        await svc.request('POST', `/api/v1/admin/timers/${id}/retry`, { token: admin }),
        404,
        'not-found',
      );
  });
});
