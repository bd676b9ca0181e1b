import { expect } from 'chai';
import { exampleInspections } from '../fixtures/completion-acceptance.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { assessOk, pay } from '../support/fees.ts';
import { casePath, caseState, completionCase, expectProblem, pointers, sendOk } from '../support/http.ts';
import { inspect, record, schedule } from '../support/inspections.ts';
import { withService } from '../support/with-service.ts';

describeEachDatabase('inspections/routes', (kind) => {
  const t = withService(kind);
  let id = '';
  const view = async (token = t.who.applicant) => (await t.svc.request('GET', casePath(id), { token })).body;

  before(async () => {
    id = await completionCase(t);
  });

  it('should show the enterprise the required inspections, all pending, and nothing to do', async () => {
    const page = await view();
    expect(page.requiredInspections).to.deep.equal(
      exampleInspections.map((i) => ({ ...i, status: 'pending' })),
    );
    expect(page.inspections).to.deep.equal([]);
    expect(page.fees).to.deep.equal([]);
    expect(page.nextAction.action).to.equal('nothing');
  });

  it('should refuse an off-list inspection with 422 not-on-checklist and put the attempt on record', async () => {
    const before = await caseState(t.svc, t.who.auditor, id);
    const response = await schedule(t.svc, t.who.clerk('fire'), id, 'fire-drill');
    expectProblem(response, 422, 'not-on-checklist');
    expect(pointers(response)).to.deep.equal(['/code']);
    const after = await caseState(t.svc, t.who.auditor, id);
    expect(after).to.deep.equal({ ...before, version: before.version + 1, history: before.history + 1 });
    const history = await t.svc.request('GET', casePath(id, '/history'), { token: t.who.applicant });
    const attempt = history.body.items.at(-1);
    expect(attempt).to.deep.include({
      type: 'INSPECTION_REFUSED',
      actor: { sub: 'clerk-fire', role: 'clerk', org: 'fire' },
    });
    expect(attempt.data).to.deep.include({ code: 'fire-drill', checklistVersion: 1 });
    expect((await view()).inspections).to.deep.equal([]);
  });

  it('should answer 403 to a clerk of another department scheduling a fire inspection, and change nothing', async () => {
    const before = await caseState(t.svc, t.who.auditor, id);
    expectProblem(await schedule(t.svc, t.who.clerk('planning'), id, 'fire-acceptance'), 403, 'forbidden');
    expectProblem(await schedule(t.svc, t.who.clerk('window'), id, 'fire-acceptance'), 403, 'forbidden');
    expectProblem(await schedule(t.svc, t.who.applicant, id, 'fire-acceptance'), 403, 'forbidden');
    // A department with no part in the case does not see it at all.
    expectProblem(await schedule(t.svc, t.who.clerk('housing'), id, 'fire-acceptance'), 404, 'not-found');
    expect(await caseState(t.svc, t.who.auditor, id)).to.deep.equal(before);
    expect((await view()).inspections).to.deep.equal([]);
  });

  it('should answer 409 to an inspection on the checklist that this project does not need', async () => {
    const before = await caseState(t.svc, t.who.auditor, id);
    expectProblem(
      await schedule(t.svc, t.who.clerk('fire'), id, 'fire-filing-spot-check'),
      409,
      'event-not-allowed',
    );
    expect(await caseState(t.svc, t.who.auditor, id)).to.deep.equal(before);
    expect((await view()).inspections).to.deep.equal([]);
  });

  it('should schedule a fire inspection for the fire clerk and refuse its result from another department', async () => {
    const scheduled = await schedule(t.svc, t.who.clerk('fire'), id, 'fire-acceptance');
    expect(scheduled.status, JSON.stringify(scheduled.body)).to.equal(201);
    expect(scheduled.body).to.deep.include({
      code: 'fire-acceptance',
      department: 'fire',
      status: 'scheduled',
      scheduledAt: '2026-03-04T01:30:00.000Z',
      checklistVersion: 1,
      result: null,
    });
    expect(scheduled.headers.get('location')).to.equal(casePath(id, `/inspections/${scheduled.body.id}`));
    expectProblem(
      await schedule(t.svc, t.who.clerk('fire'), id, 'fire-acceptance'),
      409,
      'event-not-allowed',
    );

    const before = await caseState(t.svc, t.who.auditor, id);
    const wrong = await record(t.svc, t.who.clerk('planning'), id, scheduled.body.id, { result: 'pass' });
    expectProblem(wrong, 403, 'forbidden');
    expectProblem(
      await record(t.svc, t.who.applicant, id, scheduled.body.id, { result: 'pass' }),
      403,
      'forbidden',
    );
    expectProblem(await record(t.svc, t.who.clerk('fire'), id, 999999, { result: 'pass' }), 404, 'not-found');
    expect(await caseState(t.svc, t.who.auditor, id)).to.deep.equal(before);
    const page = await view();
    expect(page.inspections).to.have.length(1);
    expect(page.inspections[0]).to.include({ status: 'scheduled', result: null });
    expect(
      page.requiredInspections.find((r: { code: string }) => r.code === 'fire-acceptance').status,
    ).to.equal('scheduled');
  });

  it('should answer 422 to a failed result without findings', async () => {
    const [inspection] = (await view()).inspections;
    const before = await caseState(t.svc, t.who.auditor, id);
    for (const body of [{ result: 'fail' }, { result: 'fail', findings: '  ' }]) {
      const response = await record(t.svc, t.who.clerk('fire'), id, inspection.id, body);
      expectProblem(response, 422, 'validation-failed');
      expect(pointers(response)).to.deep.equal(['/findings']);
    }
    expect(await caseState(t.svc, t.who.auditor, id)).to.deep.equal(before);
  });

  it('should send the enterprise to pay, then to rectify, then back to nothing to do', async () => {
    const fee = await assessOk(t.svc, t.who.clerk('window'), id, { code: 'real-estate-registration' });
    let page = await view();
    expect(page.nextAction.action).to.equal('pay');
    expect(page.nextAction.detail).to.match(/550\.00/);
    expect(page.fees).to.have.length(1);
    expect(page.fees[0]).to.include({
      id: fee.id,
      code: 'real-estate-registration',
      amount: 550,
      status: 'assessed',
    });

    const [inspection] = page.inspections;
    t.svc.clock.set('2026-03-04T11:00:00+08:00');
    const failed = await record(t.svc, t.who.clerk('fire'), id, inspection.id, {
      result: 'fail',
      findings: 'Fire doors on level 2 do not close by themselves',
    });
    expect(failed.status, JSON.stringify(failed.body)).to.equal(200);
    expect(failed.body).to.include({
      status: 'failed',
      result: 'fail',
      findings: 'Fire doors on level 2 do not close by themselves',
      recordedAt: '2026-03-04T03:00:00.000Z',
    });
    page = await view();
    expect(page.status).to.equal('in_review');
    // Rectification comes first: the clock is stopped until it is done.
    expect(page.nextAction.action).to.equal('rectify');
    expect(page.allowedEvents).to.have.members(['RECTIFIED', 'WITHDRAW']);
    expect(
      page.requiredInspections.find((r: { code: string }) => r.code === 'fire-acceptance').status,
    ).to.equal('failed');
    const fireTask = page.tasks.find((task: { department: string }) => task.department === 'fire');
    expect(fireTask).to.include({ status: 'open', clockStopped: true });
    expectProblem(
      await schedule(t.svc, t.who.clerk('fire'), id, 'fire-acceptance'),
      409,
      'event-not-allowed',
    );

    t.svc.clock.set('2026-03-06T10:00:00+08:00');
    await sendOk(t.svc, t.who.applicant, id, { type: 'RECTIFIED' });
    page = await view();
    expect(page.nextAction.action).to.equal('pay');
    expect(page.timing.stoppedWorkingDays).to.equal(2);

    const paid = await pay(t.svc, t.who.applicant, id, fee.id);
    expect(paid.status).to.equal(200);
    page = await view();
    expect(page.nextAction.action).to.equal('nothing');

    const again = await inspect(t, id, { department: 'fire', code: 'fire-acceptance' });
    expect(again.status).to.equal('passed');
    page = await view();
    expect(page.inspections.map((i: { status: string }) => i.status)).to.deep.equal(['failed', 'passed']);
    expect(page.inspections[0].findings).to.equal('Fire doors on level 2 do not close by themselves');
    expect(
      page.requiredInspections.find((r: { code: string }) => r.code === 'fire-acceptance').status,
    ).to.equal('passed');
    // The other enterprise learns nothing about the case.
    expectProblem(
      await t.svc.request('GET', casePath(id), { token: t.who.otherApplicant }),
      404,
      'not-found',
    );
  });
});
