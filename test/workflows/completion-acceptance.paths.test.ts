import { expect } from 'chai';
import type { AnyMachineSnapshot, AnyStateNode } from 'xstate';
import { publishChecklist, seedChecklist } from '../../src/checklist/index.ts';
import { EventNotAllowedError } from '../../src/errors/index.ts';
import type { Actor } from '../../src/engine/records.ts';
import type { EventInput } from '../../src/engine/workflow.ts';
import { limits, type CompletionContext } from '../../workflows/completion-acceptance.ts';
import {
  completionForm,
  completionProject,
  exampleInspections,
  minimalCompletionForm,
  minimalInspections,
} from '../fixtures/completion-acceptance.ts';
import {
  ACCEPT,
  acceptWithDeficiencies,
  auditOf,
  dept,
  fireTimer,
  footprint,
  loadCase,
  openTasks,
  outboxOf,
  requestSupplement,
  send as sendAs,
  SUBMIT,
  SUPPLEMENT,
  tasksOf,
  timersOf,
  window,
  WITHDRAW,
} from '../support/cases.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { applicant, createHarness, ENTERPRISE, type Harness } from '../support/harness.ts';

/*
 * Paths through the completion-acceptance workflow, driven through the engine on a real database with the
 * event shapes the fees and inspections routes send.
 */

const START = '2026-03-02T09:00:00+08:00';
const RECTIFIED: EventInput = { type: 'RECTIFIED' };
const ISSUE = window('ISSUE');

type Item = { readonly department: string; readonly code: string };

const schedule = ({ department, code }: Item): EventInput =>
  dept('INSPECTION_SCHEDULED', department, { data: { code } });
const pass = ({ department, code }: Item): EventInput =>
  dept('INSPECTION_RECORDED', department, { data: { code, result: 'pass' } });
const fail = ({ department, code }: Item): EventInput =>
  dept('INSPECTION_RECORDED', department, {
    comment: `${code}: the evacuation signs are missing`,
    data: { code, result: 'fail' },
  });
const feeAssessed = (code: string): EventInput => window('FEE_ASSESSED', { data: { code } });
/** Paid by the enterprise: the pay route sends FEE_SETTLED without a department. */
const feePaid: EventInput = { type: 'FEE_SETTLED', data: { outcome: 'paid' } };
/** Waived by a clerk: the waive route sends FEE_SETTLED with the clerk's department. */
const feeWaived: EventInput = window('FEE_SETTLED', { data: { outcome: 'waived' } });

const region = (department: string) =>
  ({
    planning: 'planning',
    land: 'land',
    fire: 'fire',
    'civil-defense': 'civilDefense',
    archives: 'archives',
    meteorology: 'meteorology',
    quality: 'quality',
  })[department]!;
const item = (code: string) => exampleInspections.find((i) => i.code === code)!;

const REGION_NODE = /\.inspections\.(planning|land|fire|civilDefense|archives|meteorology|quality)\b/;

/** State nodes a case can rest in (`checking` nodes only route on entry). */
function restingNodes(node: AnyStateNode): string[] {
  const own = node.parent && !node.always?.length ? [node.id] : [];
  return [...own, ...(Object.values(node.states) as AnyStateNode[]).flatMap(restingNodes)];
}

describeEachDatabase('completion-acceptance paths', (kind) => {
  let h: Harness;
  /** Every state node some path rested in, for the coverage check at the end. */
  const visited = new Set<string>();

  before(async () => {
    h = await createHarness(kind, START);
  });
  after(async () => {
    await h?.close();
  });

  const note = (snapshot: AnyMachineSnapshot) => {
    for (const node of snapshot._nodes as AnyStateNode[]) visited.add(node.id);
  };

  /** Sends one event an hour after the last, as whoever sends it in real life. */
  async function send(id: string, event: EventInput, actor?: Actor) {
    h.clock.advance({ hours: 1 });
    const result = await sendAs(h, id, event, actor ?? (event.type === 'RECTIFIED' ? applicant : undefined));
    note(result.snapshot);
    return result;
  }

  async function sendAll(id: string, events: EventInput[]) {
    for (const event of events) await send(id, event);
  }

  /** The refusal the engine gives, with proof that nothing was written. */
  async function refused(id: string, event: EventInput, actor?: Actor): Promise<EventNotAllowedError> {
    const before = await footprint(h, id);
    const error = await sendAs(h, id, event, actor).catch((e: unknown) => e);
    expect(error, event.type).to.be.instanceOf(EventNotAllowedError);
    expect(await footprint(h, id)).to.deep.equal(before);
    return error as EventNotAllowedError;
  }

  async function createCase(form: Record<string, unknown> = completionForm): Promise<string> {
    h.clock.set(START);
    const { application, snapshot } = await h.engine.create({
      workflow: 'completion-acceptance',
      applicant: ENTERPRISE,
      project: structuredClone(completionProject),
      form: structuredClone(form),
      actor: applicant,
    });
    note(snapshot);
    return application.id;
  }

  async function contextOf(id: string): Promise<CompletionContext> {
    return h.engine.snapshotOf(await loadCase(h, id)).context as CompletionContext;
  }

  /** Schedules and passes every inspection of the list. */
  async function passAll(id: string, items: readonly Item[]) {
    for (const i of items) await sendAll(id, [schedule(i), pass(i)]);
  }

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

  it('should refuse ISSUE with the reason while an inspection or a fee is outstanding', async () => {
    const id = await createCase();
    await send(id, SUBMIT);
    expect((await refused(id, ISSUE)).reason).to.equal('the case has not been accepted yet');
    await sendAll(id, [ACCEPT, feeAssessed('infrastructure-supporting')]);
    await passAll(id, exampleInspections.slice(0, -1));

    const open = await refused(id, ISSUE);
    expect(open.reason).to.equal(
      'inspections not yet passed: quality-supervision (quality); 1 assessed fee(s) not yet paid or waived',
    );
    expect(open.message).to.match(/^ISSUE is not allowed now: inspections not yet passed/);

    await passAll(id, exampleInspections.slice(-1));
    expect((await loadCase(h, id)).state).to.deep.equal({ accepted: 'issuing' });
    const unpaid = await refused(id, ISSUE);
    expect(unpaid.reason).to.equal('1 assessed fee(s) not yet paid or waived');

    await send(id, feePaid, applicant);
    await send(id, ISSUE);
    expect((await loadCase(h, id)).status).to.equal('concluded');
  });

  it('should count fees assessed and settled, paid or waived, in any state of the open case', async () => {
    const id = await createCase();
    await sendAll(id, [SUBMIT, feeAssessed('real-estate-registration'), ACCEPT]);
    await sendAll(id, [feeAssessed('infrastructure-supporting'), feeAssessed('extra-certificate')]);
    expect((await contextOf(id)).outstandingFees).to.equal(3);
    const assessed = (await auditOf(h, id)).filter((a) => a.type === 'FEE_ASSESSED');
    expect(assessed.map((a) => (a.data as { code: string }).code)).to.deep.equal([
      'real-estate-registration',
      'infrastructure-supporting',
      'extra-certificate',
    ]);
    // Fees change neither the state nor the clock.
    expect((await loadCase(h, id)).status).to.equal('in_review');

    await send(id, feePaid, applicant);
    await send(id, feeWaived);
    expect((await contextOf(id)).outstandingFees).to.equal(1);
    await passAll(id, exampleInspections);
    await refused(id, ISSUE);
    await send(id, feePaid, applicant);
    expect((await contextOf(id)).outstandingFees).to.equal(0);
    await send(id, ISSUE);
    expect((await loadCase(h, id)).status).to.equal('concluded');
    await refused(id, feeAssessed('extra-certificate'));
  });

  it("should keep the case's required inspections when a checklist is published after acceptance", async () => {
    const before = await createCase();
    await sendAll(before, [SUBMIT, ACCEPT]);

    const body = seedChecklist();
    body.inspections = body.inspections.filter((i) => i.code !== 'lightning-protection');
    body.inspections.push({
      code: 'greening-verification',
      name: 'Greening verification (绿化核实)',
      department: 'planning',
      basis: 'Urban Greening Regulations art. 16',
      steps: ['completion-acceptance'],
    });
    const published = await publishChecklist(h.db, body, 'admin-1', h.clock.now());
    expect(published.version).to.equal(2);

    try {
      const kept = await contextOf(before);
      expect(kept.checklistVersion).to.equal(1);
      expect(kept.required).to.deep.equal(exampleInspections);
      // The case runs to its end on the inspections fixed at its acceptance.
      await refused(before, schedule({ department: 'planning', code: 'greening-verification' }));
      await passAll(before, exampleInspections);
      await send(before, ISSUE);
      expect((await loadCase(h, before)).status).to.equal('concluded');

      // A case accepted afterwards takes the new version.
      const after = await createCase();
      await sendAll(after, [SUBMIT, ACCEPT]);
      const fixed = await contextOf(after);
      expect(fixed.checklistVersion).to.equal(2);
      expect(fixed.required.map((r) => r.code)).to.have.members([
        'planning-verification',
        'land-verification',
        'fire-acceptance',
        'civil-defense-acceptance',
        'archives-acceptance',
        'quality-supervision',
        'greening-verification',
      ]);
      expect(((await loadCase(h, after)).state as any).accepted.inspections.meteorology).to.equal(
        'notRequired',
      );
      // Planning passes only when both of its inspections have.
      await sendAll(after, [schedule(item('planning-verification')), pass(item('planning-verification'))]);
      expect(((await loadCase(h, after)).state as any).accepted.inspections.planning).to.deep.equal({
        inspecting: 'underInspection',
      });
      const greening = { department: 'planning', code: 'greening-verification' };
      await sendAll(after, [schedule(greening), pass(greening)]);
      expect(((await loadCase(h, after)).state as any).accepted.inspections.planning).to.equal('passed');
    } finally {
      // Later tests start from the seeded checklist.
      await h.db.knex('checklist_versions').where({ version: 2 }).del();
    }
  });

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
    note(h.engine.snapshotOf(suspended));
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

  it('should have rested in every kind of state node of the machine along these paths', () => {
    // The seven regions come from one factory: each of its nodes must be reached in some region.
    const shape = (id: string) => id.replace(REGION_NODE, '.inspections.<region>');
    const machine = h.registry.get('completion-acceptance').machine;
    const reached = new Set([...visited].map(shape));
    const all = [...new Set(restingNodes(machine.root).map(shape))];
    expect(all.filter((n) => !reached.has(n))).to.deep.equal([]);
  });
});
