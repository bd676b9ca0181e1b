import { expect } from 'chai';
import { limits } from '../../workflows/completion-acceptance.ts';
import {
  exampleInspections,
  minimalCompletionForm,
  minimalInspections,
} from '../fixtures/completion-acceptance.ts';
import {
  ACCEPT,
  auditOf,
  loadCase,
  openTasks,
  outboxOf,
  requestSupplement,
  SUBMIT,
  SUPPLEMENT,
  tasksOf,
  window,
  WITHDRAW,
} from '../support/cases.ts';
import {
  completionScene,
  feeAssessed,
  ISSUE,
  item,
  nodesCoveredBy,
  pass,
  region,
  restingKinds,
  schedule,
  START,
} from '../support/completion-acceptance-scene.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { harnessPerBlock } from '../support/harness.ts';

/*
 * Paths through the completion-acceptance workflow, driven through the engine on a real database with the
 * event shapes the fees and inspections routes send: from draft to the joint certificate, and the other ends a
 * case can come to. Rectification, fees, checklist versions and pledged papers have files of their own
 * (completion-acceptance.*.test.ts); between them they rest a case in every kind of node of the machine.
 */

describe('completion-acceptance path files', () => {
  it('should answer, between them, for every kind of node a case can rest in', () => {
    const answered = new Set<string>(Object.values(nodesCoveredBy).flat());
    expect([...answered].sort()).to.deep.equal(restingKinds());
  });
});

describeEachDatabase('completion-acceptance paths', (kind) => {
  const h = harnessPerBlock(kind, START);
  const { visited, send, sendAll, refused, createCase, contextOf, passAll } = completionScene(h);

  it('should take the example from draft to one joint certificate through all seven regions', async () => {
    const id = await createCase();
    await send(id, SUBMIT);
    expect((await loadCase(h, id)).status).to.equal('submitted');
    expect((await openTasks(h, id)).map((t) => `${t.department} ${t.action}`)).to.deep.equal([
      'window intake',
    ]);

    await send(id, ACCEPT);
    const accepted = await loadCase(h, id);
    expect(accepted.status).to.equal('in_review');
    expect(accepted.acceptedAt).to.equal(h.clock.now().toISOString());
    expect(accepted.limitWorkingDays).to.equal(limits.case);
    // 7 working days from Monday 2 March on the published 2026 calendar (no holiday, weekends only): Wednesday 11.
    expect(accepted.dueAt).to.equal('2026-03-11T15:59:59.999Z');
    const context = await contextOf(id);
    expect(context.required).to.deep.equal(exampleInspections);
    expect(context.checklistVersion).to.equal(1);
    // The acceptance's audit record names what was fixed, and from which checklist version.
    const acceptance = (await auditOf(h, id)).find((a) => a.type === 'ACCEPT')!;
    expect(acceptance.data).to.deep.include({
      checklistVersion: 1,
      requiredInspections: exampleInspections,
    });

    const inspect = await openTasks(h, id);
    expect(inspect.map((t) => t.department)).to.deep.equal(exampleInspections.map((i) => i.department));
    for (const task of inspect) {
      expect(task).to.include({ action: 'inspect', limitDays: limits.region, clockStoppedSince: null });
    }

    for (const [n, i] of exampleInspections.entries()) {
      await send(id, schedule(i));
      expect((await contextOf(id)).scheduled).to.deep.equal([i.code]);
      await send(id, pass(i));
      const app = await loadCase(h, id);
      expect(app.status).to.equal('in_review');
      const remaining = exampleInspections.slice(n + 1);
      if (remaining.length) {
        expect((app.state as any).accepted.inspections[region(i.department)]).to.equal('passed');
        expect((await openTasks(h, id)).map((t) => t.department)).to.deep.equal(
          remaining.map((r) => r.department),
        );
      }
    }
    expect((await loadCase(h, id)).state).to.deep.equal({ accepted: 'issuing' });
    expect((await contextOf(id)).passed).to.deep.equal(exampleInspections.map((i) => i.code));
    expect((await openTasks(h, id)).map((t) => `${t.department} ${t.action}`)).to.deep.equal([
      'window issue',
    ]);

    await send(id, ISSUE);
    const concluded = await loadCase(h, id);
    expect(concluded.status).to.equal('concluded');
    expect(concluded.state).to.equal('concluded');
    expect(concluded.concludedAt).to.equal(h.clock.now().toISOString());
    expect(await openTasks(h, id)).to.deep.equal([]);
    expect((await tasksOf(h, id)).filter((t) => t.action === 'inspect')).to.have.length(7);
    const notices = (await outboxOf(h, id)).map((o) => (o.payload.params as { about: string }).about);
    expect(notices).to.deep.equal(['joint-acceptance-issued']);
    await refused(id, WITHDRAW);
  });

  it('should need six regions for the minimal form: no civil defence, fire filing with a spot check', async () => {
    const id = await createCase(minimalCompletionForm);
    await sendAll(id, [SUBMIT, ACCEPT]);
    expect((await contextOf(id)).required).to.deep.equal(minimalInspections);
    const app = await loadCase(h, id);
    expect((app.state as any).accepted.inspections.civilDefense).to.equal('notRequired');
    expect((await openTasks(h, id)).map((t) => t.department)).to.deep.equal(
      minimalInspections.map((i) => i.department),
    );
    // Inspections the project does not need are not carried out on it.
    await refused(id, schedule(item('fire-acceptance')));
    await refused(id, schedule(item('civil-defense-acceptance')));

    await passAll(id, minimalInspections);
    expect((await loadCase(h, id)).state).to.deep.equal({ accepted: 'issuing' });
    await send(id, ISSUE);
    expect((await loadCase(h, id)).status).to.equal('concluded');
    expect((await tasksOf(h, id)).map((t) => t.department)).not.to.include('civil-defense');
  });

  it('should let the window ask for a supplement at intake once, without starting the clock', async () => {
    const id = await createCase();
    await sendAll(id, [SUBMIT, requestSupplement('window')]);
    const waiting = await loadCase(h, id);
    expect(waiting.status).to.equal('supplementing');
    expect(waiting.state).to.deep.equal({ intake: 'awaitingSupplement' });
    // Before acceptance the clock has not started, so it cannot stop.
    expect(waiting.clockStoppedSince).to.equal(null);
    await refused(id, ACCEPT);

    await send(id, SUPPLEMENT);
    expect(await loadCase(h, id)).to.include({ status: 'submitted' });
    await refused(id, requestSupplement('window'));

    await send(id, ACCEPT);
    const accepted = await loadCase(h, id);
    expect(accepted.status).to.equal('in_review');
    expect(accepted.stoppedWorkingDays).to.equal(0);
    // The intake task stayed open through the loop and closed on acceptance.
    const intake = (await tasksOf(h, id)).filter((t) => t.action === 'intake');
    expect(intake).to.have.length(1);
    expect(intake[0]).to.include({ status: 'closed', closedByEvent: 'ACCEPT' });
  });

  it('should end the case as withdrawn on WITHDRAW during the inspections', async () => {
    const id = await createCase();
    await sendAll(id, [SUBMIT, ACCEPT, schedule(item('quality-supervision'))]);
    await send(id, WITHDRAW);
    const app = await loadCase(h, id);
    expect(app).to.include({
      status: 'withdrawn',
      state: 'withdrawn',
      concludedAt: h.clock.now().toISOString(),
    });
    expect(await openTasks(h, id)).to.deep.equal([]);
    await refused(id, pass(item('quality-supervision')));
    await refused(id, feeAssessed('real-estate-registration'));
  });

  it('should end the case as refused on REFUSE at intake', async () => {
    const id = await createCase();
    await send(id, SUBMIT);
    await send(id, window('REFUSE', { comment: 'the works have no construction permit' }));
    const app = await loadCase(h, id);
    expect(app).to.include({
      status: 'refused',
      state: 'refused',
      concludedAt: h.clock.now().toISOString(),
    });
    expect(await openTasks(h, id)).to.deep.equal([]);
    expect((await outboxOf(h, id)).map((o) => o.payload.params)).to.deep.equal([{ about: 'refused' }]);
    await refused(id, ACCEPT);
  });

  it('should have rested in the kinds of node these paths answer for', () => {
    expect(visited.unreached(nodesCoveredBy.paths)).to.deep.equal([]);
  });
});
