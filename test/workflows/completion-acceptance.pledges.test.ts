import { expect } from 'chai';
import { limits } from '../../workflows/completion-acceptance.ts';
import { exampleInspections } from '../fixtures/completion-acceptance.ts';
import {
  acceptWithDeficiencies,
  fireTimer,
  loadCase,
  openTasks,
  SUBMIT,
  SUPPLEMENT,
  timersOf,
  window,
} from '../support/cases.ts';
import {
  completionScene,
  feeAssessed,
  feePaid,
  ISSUE,
  item,
  nodesCoveredBy,
  pass,
  schedule,
  START,
} from '../support/completion-acceptance-scene.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { applicant, harnessPerBlock } from '../support/harness.ts';

/*
 * Papers pledged at acceptance in the completion-acceptance workflow: late papers suspend the case (its
 * timers fired as the scheduler fires them), papers delivered resume it, and papers still missing when the
 * suspension lapses refuse it. Driven through the engine on a real database.
 */

describeEachDatabase('completion-acceptance pledged papers', (kind) => {
  const h = harnessPerBlock(kind, START);
  const { visited, send, sendAll, refused, createCase, passAll } = completionScene(h);

  it('should suspend the case when pledged papers are late and resume the inspections once they arrive', async () => {
    const id = await createCase();
    await sendAll(id, [SUBMIT, acceptWithDeficiencies('2026-03-04', ['as-built-survey'])]);
    await send(id, window('EXTEND', { comment: 'joint inspection of the roof', data: { workingDays: 3 } }));
    expect((await loadCase(h, id)).limitWorkingDays).to.equal(limits.case + 3);
    await refused(id, window('EXTEND', { comment: 'again', data: { workingDays: 1 } }));
    const quality = item('quality-supervision');
    await passAll(id, exampleInspections.slice(0, -1));
    await send(id, schedule(quality));

    const { sweep, at } = await fireTimer(h, id, 'PLEDGE_DUE');
    expect(sweep).to.deep.equal({ fired: 1, stale: 0, failed: [] });
    const suspended = await loadCase(h, id);
    visited.note(h.engine.snapshotOf(suspended));
    expect(suspended.status).to.equal('suspended');
    // The clock stops when the pledged day ended (the timer's due time), not when the sweep ran.
    expect(suspended.clockStoppedSince).to.equal(at.toISOString());
    expect((await timersOf(h, id)).map((t) => t.type)).to.deep.equal(['SUSPENSION_LAPSED']);
    // Nobody inspects while the case is suspended.
    await refused(id, pass(quality));
    expect((await refused(id, ISSUE)).reason).to.equal(
      'inspections not yet passed: quality-supervision (quality)',
    );

    await send(id, SUPPLEMENT);
    const resumed = await loadCase(h, id);
    expect(resumed.status).to.equal('in_review');
    expect((resumed.state as any).accepted.inspections.deficiencies).to.equal('delivered');
    expect(resumed.clockStoppedSince).to.equal(null);
    expect(await timersOf(h, id)).to.deep.equal([]);
    await send(id, pass(quality));
    expect((await loadCase(h, id)).state).to.deep.equal({ accepted: 'issuing' });
    // Delivered papers no longer hold the certificate back: only what is still outstanding is named.
    await send(id, feeAssessed('infrastructure-supporting'));
    expect((await refused(id, ISSUE)).reason).to.equal('1 assessed fee(s) not yet paid or waived');
    await send(id, feePaid, applicant);
    await send(id, ISSUE);
    expect((await loadCase(h, id)).status).to.equal('concluded');
  });

  it('should refuse a suspended case when the papers are still missing 15 working days later', async () => {
    const id = await createCase();
    await sendAll(id, [SUBMIT, acceptWithDeficiencies('2026-03-04', ['as-built-survey'])]);
    await passAll(id, exampleInspections);
    // Every region has passed, but the pledged papers hold the joint certificate back.
    expect((await refused(id, ISSUE)).reason).to.equal('pledged papers not yet delivered');
    await fireTimer(h, id, 'PLEDGE_DUE');
    expect((await loadCase(h, id)).status).to.equal('suspended');

    const { sweep, at } = await fireTimer(h, id, 'SUSPENSION_LAPSED');
    expect(sweep.fired).to.equal(1);
    expect(await loadCase(h, id)).to.include({ status: 'refused', concludedAt: at.toISOString() });
    expect(await openTasks(h, id)).to.deep.equal([]);
    expect(await timersOf(h, id)).to.deep.equal([]);
  });

  it('should have rested in the kinds of node these paths answer for', () => {
    expect(visited.unreached(nodesCoveredBy.pledges)).to.deep.equal([]);
  });
});
