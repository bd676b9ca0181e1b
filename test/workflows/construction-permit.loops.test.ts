import { expect } from 'chai';
import { type StateValue } from 'xstate';
import { EventNotAllowedError } from '../../src/errors/index.ts';
import { fireDueTimers } from '../../src/engine/timers.ts';
import {
  ACCEPT,
  acceptWithDeficiencies,
  approve,
  createPermit,
  fireTimer,
  loadCase,
  openTasks,
  requestSupplement,
  send,
  sendAll,
  SUBMIT,
  SUPPLEMENT,
  tasksOf,
  timersOf,
  leaves,
} from '../support/cases.ts';
import { allReviewDepartments } from '../fixtures/construction-permit.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createHarness, type Harness } from '../support/harness.ts';

const START = '2026-03-02T09:00:00+08:00';

describeEachDatabase('construction-permit loops', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(kind, START);
  });
  afterEach(async () => {
    await h?.close();
  });

  it('should let the window ask for a supplement once and refuse a second request', async () => {
    const id = await createPermit(h);
    await sendAll(h, id, [SUBMIT, requestSupplement('window')], 1);
    expect((await loadCase(h, id)).status).to.equal('supplementing');
    await sendAll(h, id, [SUPPLEMENT], 1);
    const back = await loadCase(h, id);
    expect(back.status).to.equal('submitted');
    expect(back.state).to.deep.equal({ intake: 'examining' });

    const error = await send(h, id, requestSupplement('window')).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(EventNotAllowedError);
    expect((await loadCase(h, id)).version).to.equal(back.version);

    await sendAll(h, id, [ACCEPT], 1);
    expect((await loadCase(h, id)).status).to.equal('in_review');
  });

  it('should answer two departments’ open requests with one supplement', async () => {
    const id = await createPermit(h);
    await sendAll(h, id, [SUBMIT, ACCEPT, requestSupplement('planning'), requestSupplement('fire')], 1);
    const waiting = await loadCase(h, id);
    expect(waiting.status).to.equal('supplementing');
    expect(
      leaves(waiting.state as StateValue).filter((l) => l.endsWith('awaitingSupplement')),
    ).to.have.members([
      'accepted.review.planning.review.awaitingSupplement',
      'accepted.review.fire.review.awaitingSupplement',
    ]);
    // Other departments keep reviewing while the applicant is waited for.
    await sendAll(h, id, [approve('housing')], 1);
    expect((await loadCase(h, id)).status).to.equal('supplementing');

    const { snapshot } = (await sendAll(h, id, [SUPPLEMENT], 1))!;
    expect(snapshot.matches({ accepted: { review: { planning: { review: 'reviewing' } } } })).to.equal(true);
    expect(snapshot.matches({ accepted: { review: { fire: { review: 'reviewing' } } } })).to.equal(true);
    expect((await loadCase(h, id)).status).to.equal('in_review');
    // The review tasks stay open through the loop: the department's work resumes, it does not restart.
    const open = (await openTasks(h, id)).map((t) => t.department);
    expect(open).to.have.members(['planning', 'fire', 'civil-defense', 'environment']);

    await sendAll(h, id, ['planning', 'fire', 'civil-defense', 'environment'].map(approve), 1);
    expect((await loadCase(h, id)).state).to.deep.equal({ accepted: 'issuing' });
  });

  it('should suspend the case when the pledge date passes and resume review on the supplement', async () => {
    const id = await createPermit(h);
    await sendAll(h, id, [SUBMIT, acceptWithDeficiencies('2026-03-13')], 1);
    expect((await loadCase(h, id)).status).to.equal('in_review');
    const [pledge] = await timersOf(h, id);
    expect(pledge).to.deep.include({ type: 'PLEDGE_DUE', dueAt: '2026-03-13T15:59:59.999Z' });

    // Nothing fires before the pledged day has ended.
    h.clock.set('2026-03-13T23:59:00+08:00');
    expect((await fireDueTimers(h.db, h.engine)).fired).to.equal(0);

    const { sweep, at } = await fireTimer(h, id, 'PLEDGE_DUE');
    expect(sweep.fired).to.equal(1);
    const suspended = await loadCase(h, id);
    expect(suspended.status).to.equal('suspended');
    // The clock stops when the pledged day ended (the timer's due time), not when the sweep ran.
    expect(suspended.clockStoppedSince).to.equal(at.toISOString());
    expect((await timersOf(h, id)).map((t) => t.type)).to.deep.equal(['SUSPENSION_LAPSED']);
    // Nobody decides while the case is suspended.
    const error = await send(h, id, approve('planning')).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(EventNotAllowedError);

    h.clock.set('2026-03-18T10:00:00+08:00');
    await send(h, id, SUPPLEMENT);
    const resumed = await loadCase(h, id);
    expect(resumed.status).to.equal('in_review');
    expect(resumed.clockStoppedSince).to.equal(null);
    // Stopped from Saturday 14 March to Wednesday 18 March: Monday to Wednesday, 3 working days.
    expect(resumed.stoppedWorkingDays).to.equal(3);
    expect(await timersOf(h, id)).to.deep.equal([]);

    await sendAll(h, id, allReviewDepartments.map(approve), 1);
    expect((await loadCase(h, id)).state).to.deep.equal({ accepted: 'issuing' });
  });

  it('should return (refuse) a suspended case 15 working days after suspension and close its tasks', async () => {
    const id = await createPermit(h);
    await sendAll(h, id, [SUBMIT, acceptWithDeficiencies('2026-03-13'), approve('housing')], 1);
    await fireTimer(h, id, 'PLEDGE_DUE');
    const suspendedAt = h.clock.now().toISOString();
    expect((await loadCase(h, id)).status).to.equal('suspended');

    const [lapse] = await timersOf(h, id);
    expect(lapse!.type).to.equal('SUSPENSION_LAPSED');
    // 15 working days after Saturday 14 March (16 March is day 1) on the published 2026 calendar: the end of
    // Friday 3 April, just before Qingming (4 to 6 April).
    expect(suspendedAt).to.equal('2026-03-13T16:00:00.000Z'); // Saturday 14 March, 00:00 in Shanghai
    expect(lapse!.dueAt).to.equal('2026-04-03T15:59:59.999Z');

    const { sweep, at } = await fireTimer(h, id, 'SUSPENSION_LAPSED');
    expect(sweep.fired).to.equal(1);
    const refused = await loadCase(h, id);
    expect(refused.status).to.equal('refused');
    expect(refused.concludedAt).to.equal(at.toISOString());
    expect(await openTasks(h, id)).to.deep.equal([]);
    const reviews = (await tasksOf(h, id)).filter((t) => t.action === 'review');
    expect(reviews.map((t) => t.department)).to.have.members([...allReviewDepartments]);
    for (const task of reviews.filter((t) => t.department !== 'housing')) {
      expect(task).to.deep.include({
        status: 'closed',
        closedAt: at.toISOString(),
        closedByEvent: 'SUSPENSION_LAPSED',
      });
    }
    expect(await timersOf(h, id)).to.deep.equal([]);
  });
});
