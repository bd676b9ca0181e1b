import { expect } from 'chai';
import { exampleInspections } from '../fixtures/completion-acceptance.ts';
import { ACCEPT, auditOf, loadCase, openTasks, outboxOf, send as sendAs, SUBMIT } from '../support/cases.ts';
import {
  completionScene,
  fail,
  ISSUE,
  item,
  nodesCoveredBy,
  pass,
  RECTIFIED,
  schedule,
  START,
} from '../support/completion-acceptance-scene.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { applicant, harnessPerBlock } from '../support/harness.ts';

/*
 * A failed inspection in the completion-acceptance workflow: the enterprise rectifies while the case clock
 * stands still, then the region inspects again. Driven through the engine on a real database.
 */

describeEachDatabase('completion-acceptance rectification', (kind) => {
  const h = harnessPerBlock(kind, START);
  const { visited, send, sendAll, refused, createCase, contextOf, passAll } = completionScene(h);

  it('should stop the clock while the enterprise rectifies a failed inspection, then inspect again', async () => {
    const id = await createCase();
    await sendAll(id, [SUBMIT, ACCEPT]);
    const acceptedAt = (await loadCase(h, id)).acceptedAt!;
    const fire = item('fire-acceptance');

    await send(id, schedule(fire));
    h.clock.set('2026-03-03T10:00:00+08:00');
    await sendAs(h, id, fail(fire));
    const failing = await loadCase(h, id);
    expect(failing.status).to.equal('in_review');
    expect((failing.state as any).accepted.inspections.fire).to.deep.equal({ inspecting: 'rectifying' });
    expect(failing.clockStoppedSince).to.equal('2026-03-03T02:00:00.000Z');
    const record = (await auditOf(h, id)).at(-1)!;
    expect(record).to.deep.include({
      type: 'INSPECTION_RECORDED',
      clockStopped: true,
      status: 'in_review',
    });
    expect(record.comment).to.match(/evacuation signs/);
    const fireTask = (await openTasks(h, id)).find((t) => t.department === 'fire')!;
    expect(fireTask.clockStoppedSince).to.equal('2026-03-03T02:00:00.000Z');
    expect((await outboxOf(h, id)).map((o) => o.payload.params)).to.deep.equal([
      { about: 'rectification-required' },
    ]);
    expect((await contextOf(id)).passed).to.deep.equal([]);

    // Nobody inspects again before the enterprise reports the rectification.
    await refused(id, schedule(fire));
    await refused(id, pass(fire));
    // Others keep inspecting meanwhile, and the clock stays stopped.
    await sendAll(id, [schedule(item('land-verification')), pass(item('land-verification'))]);
    expect((await loadCase(h, id)).clockStoppedSince).to.equal('2026-03-03T02:00:00.000Z');
    expect((await auditOf(h, id)).at(-1)!.clockStopped).to.equal(true);

    h.clock.set('2026-03-05T10:00:00+08:00');
    await sendAs(h, id, RECTIFIED, applicant);
    const resumed = await loadCase(h, id);
    expect(resumed.status).to.equal('in_review');
    expect((resumed.state as any).accepted.inspections.fire).to.deep.equal({
      inspecting: 'underInspection',
    });
    expect(resumed.clockStoppedSince).to.equal(null);
    // Stopped from Tuesday 3 to Thursday 5 March: Wednesday and Thursday, 2 working days.
    expect(resumed.stoppedWorkingDays).to.equal(2);
    // 7 + 2 working days from Monday 2 March (no holiday, weekends only): Friday 13 March.
    expect(acceptedAt).to.equal('2026-03-02T03:00:00.000Z');
    expect(resumed.dueAt).to.equal('2026-03-13T15:59:59.999Z');
    const rectified = (await auditOf(h, id)).at(-1)!;
    expect(rectified).to.deep.include({ type: 'RECTIFIED', clockStopped: false });
    expect(rectified.actor).to.deep.equal(applicant);
    const task = (await openTasks(h, id)).find((t) => t.department === 'fire')!;
    expect(task).to.include({ id: fireTask.id, clockStoppedSince: null, stoppedWorkingDays: 2 });
    // The region's 5 + 2 working days from its opening on Monday 2 March (weekends only): Wednesday 11 March.
    expect(task.openedAt).to.equal(acceptedAt);
    expect(task.dueAt).to.equal('2026-03-11T15:59:59.999Z');

    await sendAll(id, [schedule(fire), pass(fire)]);
    expect(((await loadCase(h, id)).state as any).accepted.inspections.fire).to.equal('passed');
    expect((await contextOf(id)).passed).to.have.members(['fire-acceptance', 'land-verification']);
  });

  it('should answer two regions waiting for rectification with one RECTIFIED', async () => {
    const id = await createCase();
    await sendAll(id, [SUBMIT, ACCEPT]);
    await refused(id, RECTIFIED, applicant);
    const planning = item('planning-verification');
    const archives = item('archives-acceptance');
    h.clock.set('2026-03-03T10:00:00+08:00');
    await sendAll(id, [schedule(planning), fail(planning)]);
    h.clock.set('2026-03-04T10:00:00+08:00');
    await sendAll(id, [schedule(archives), fail(archives)]);
    const waiting = (await loadCase(h, id)).state as any;
    expect(waiting.accepted.inspections.planning).to.deep.equal({ inspecting: 'rectifying' });
    expect(waiting.accepted.inspections.archives).to.deep.equal({ inspecting: 'rectifying' });
    expect((await loadCase(h, id)).clockStoppedSince).to.equal('2026-03-03T04:00:00.000Z');

    h.clock.set('2026-03-05T10:00:00+08:00');
    await send(id, RECTIFIED);
    const resumed = await loadCase(h, id);
    expect((resumed.state as any).accepted.inspections.planning).to.deep.equal({
      inspecting: 'underInspection',
    });
    expect((resumed.state as any).accepted.inspections.archives).to.deep.equal({
      inspecting: 'underInspection',
    });
    // The two waits overlap and count once: Wednesday and Thursday.
    expect(resumed.stoppedWorkingDays).to.equal(2);
    expect(resumed.clockStoppedSince).to.equal(null);
    expect((await auditOf(h, id)).filter((a) => a.type === 'RECTIFIED')).to.have.length(1);
    await refused(id, RECTIFIED, applicant);

    await passAll(id, exampleInspections);
    await send(id, ISSUE);
    expect((await loadCase(h, id)).status).to.equal('concluded');
  });

  it('should have rested in the kinds of node these paths answer for', () => {
    expect(visited.unreached(nodesCoveredBy.rectification)).to.deep.equal([]);
  });
});
