import { expect } from 'chai';
import { transition } from 'xstate';
import { ContentInvalidError, EventNotAllowedError } from '../../src/errors/index.ts';
import type { EventInput } from '../../src/engine/workflow.ts';
import {
  allReviewDepartments,
  copy,
  minimalPermitForm,
  permitForm,
  permitProject,
} from '../fixtures/construction-permit.ts';
import {
  ACCEPT,
  acceptWithDeficiencies,
  approve,
  auditOf,
  createPermit,
  deny,
  footprint,
  loadCase,
  openTasks,
  outboxOf,
  requestSupplement,
  send,
  SUBMIT,
  SUPPLEMENT,
  tasksOf,
  timersOf,
  window,
  WITHDRAW,
  acceptedPermit,
  extend,
  refusal,
  shanghai as at,
} from '../support/cases.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { clerk, harnessPerBlock } from '../support/harness.ts';

/** Monday 2 March 2026, 09:00 in Shanghai. */
const MONDAY = '2026-03-02T09:00:00+08:00';

describeEachDatabase('engine', (kind) => {
  const h = harnessPerBlock(kind, MONDAY);
  const acceptedCase = (form?: Record<string, unknown>) => acceptedPermit(h, form);

  describe('events the state does not take', () => {
    it('should refuse an event the machine leaves unchanged and write nothing', async () => {
      const id = await acceptedCase();
      const app = await loadCase(h, id);
      const snapshot = h.engine.snapshotOf(app);
      const issue = { ...window('ISSUE'), at: h.clock.now().toISOString() };
      // The machine hands back the very same snapshot: that is what the engine refuses.
      expect(transition(h.registry.get('construction-permit').machine, snapshot, issue)[0]).to.equal(
        snapshot,
      );

      const before = await footprint(h, id);
      h.clock.advance({ hours: 1 });
      const error = await refusal(send(h, id, window('ISSUE')));
      expect(error).to.be.instanceOf(EventNotAllowedError);
      expect(error).to.include({ eventType: 'ISSUE', status: 'in_review' });
      expect((error as EventNotAllowedError).state).to.deep.equal(app.state);

      for (const event of [SUPPLEMENT, requestSupplement('window'), ACCEPT, SUBMIT]) {
        expect(await refusal(send(h, id, event)), event.type).to.be.instanceOf(EventNotAllowedError);
      }
      expect(await footprint(h, id)).to.deep.equal(before);
    });

    it('should move only the region of the department the event comes from', async () => {
      const id = await acceptedCase();
      const { snapshot } = await send(h, id, approve('housing'));
      expect(snapshot.matches({ accepted: { review: { housing: 'approved' } } })).to.equal(true);
      expect(snapshot.matches({ accepted: { review: { planning: { review: 'reviewing' } } } })).to.equal(
        true,
      );
      expect((await openTasks(h, id)).map((t) => t.department)).to.have.members([
        'planning',
        'fire',
        'civil-defense',
        'environment',
      ]);

      // Housing has decided: its clerk's further decisions fit no region, and planning's stays untouched.
      const before = await footprint(h, id);
      for (const event of [approve('housing'), deny('housing'), requestSupplement('housing')]) {
        expect(await refusal(send(h, id, event)), event.type).to.be.instanceOf(EventNotAllowedError);
      }
      // A decision without a department, or from the window or a department the case does not involve.
      for (const event of [{ type: 'APPROVE' }, approve('window'), approve('archives')]) {
        expect(await refusal(send(h, id, event, clerk('housing')))).to.be.instanceOf(EventNotAllowedError);
      }
      expect(await footprint(h, id)).to.deep.equal(before);
    });

    it('should refuse every event once the case has concluded', async () => {
      const id = await acceptedCase(copy(minimalPermitForm));
      await send(h, id, approve('planning'));
      await send(h, id, approve('housing'));
      h.clock.advance({ hours: 1 });
      await send(h, id, window('ISSUE'));
      const before = await footprint(h, id);
      expect(before.application.status).to.equal('approved');

      h.clock.advance({ days: 1 });
      for (const event of [WITHDRAW, window('ISSUE'), extend(5)]) {
        expect(await refusal(send(h, id, event)), event.type).to.be.instanceOf(EventNotAllowedError);
      }
      expect(await footprint(h, id)).to.deep.equal(before);
    });
  });

  it('should end the case denied on one DENY and close every other open task', async () => {
    const id = await acceptedCase();
    await send(h, id, approve('housing'));
    h.clock.set(at('2026-03-04T10:00:00'));
    await send(h, id, requestSupplement('planning'));
    h.clock.set(at('2026-03-06T16:00:00'));
    await send(h, id, deny('fire'));

    const app = await loadCase(h, id);
    const deniedAt = h.clock.now().toISOString();
    expect(app).to.deep.include({
      state: 'denied',
      status: 'denied',
      concludedAt: deniedAt,
      clockStoppedSince: null,
    });
    expect(await openTasks(h, id)).to.deep.equal([]);
    const closedByDeny = (await tasksOf(h, id)).filter((t) => t.closedByEvent === 'DENY');
    expect(closedByDeny.map((t) => t.department)).to.have.members([
      'planning',
      'fire',
      'civil-defense',
      'environment',
    ]);
    for (const task of closedByDeny) expect(task).to.deep.include({ status: 'closed', closedAt: deniedAt });
    // The planning task was waiting for papers from Wednesday to Friday: 2 working days stood still.
    expect(closedByDeny.find((t) => t.department === 'planning')!.stoppedWorkingDays).to.equal(2);
    expect((await outboxOf(h, id)).at(-1)).to.deep.include({ type: 'notifyApplicant' });
    expect((await outboxOf(h, id)).at(-1)!.payload).to.deep.include({
      status: 'denied',
      params: { about: 'denied' },
    });
  });

  it('should let the applicant withdraw before conclusion, closing tasks and cancelling timers', async () => {
    const id = await createPermit(h);
    await send(h, id, SUBMIT);
    await send(h, id, acceptWithDeficiencies('2026-03-20'));
    await send(h, id, requestSupplement('fire'));
    expect((await timersOf(h, id)).map((t) => t.type)).to.deep.equal(['PLEDGE_DUE']);

    h.clock.set(at('2026-03-05T09:30:00'));
    await send(h, id, WITHDRAW);
    const app = await loadCase(h, id);
    expect(app).to.deep.include({
      state: 'withdrawn',
      status: 'withdrawn',
      concludedAt: h.clock.now().toISOString(),
      clockStoppedSince: null,
    });
    // Fire waited for papers from Monday to Thursday: 3 working days.
    expect(app.stoppedWorkingDays).to.equal(3);
    expect(await openTasks(h, id)).to.deep.equal([]);
    expect(await timersOf(h, id)).to.deep.equal([]);
    expect((await auditOf(h, id)).at(-1)).to.deep.include({ type: 'WITHDRAW', status: 'withdrawn' });

    // A draft may be withdrawn too.
    const draft = await createPermit(h);
    await send(h, draft, WITHDRAW);
    expect((await loadCase(h, draft)).status).to.equal('withdrawn');
  });

  it('should write an outbox row for each notification and none for silent steps', async () => {
    const id = await acceptedCase(copy(minimalPermitForm));
    expect(await outboxOf(h, id)).to.deep.equal([]);
    const { seq } = await send(h, id, requestSupplement('planning'));
    const [requested] = await outboxOf(h, id);
    expect(requested).to.deep.equal({
      type: 'notifyApplicant',
      payload: {
        applicationId: id,
        seq,
        event: 'REQUEST_SUPPLEMENT',
        status: 'supplementing',
        params: { about: 'supplement-requested' },
      },
    });
    const row = await h.db.knex('outbox').where({ application_id: id }).first();
    expect(row.sent_at).to.equal(null);
    expect(row.available_at).to.equal(h.clock.now().toISOString());

    await send(h, id, SUPPLEMENT);
    await send(h, id, approve('planning'));
    await send(h, id, approve('housing'));
    expect(await outboxOf(h, id)).to.have.length(1);
    const issued = await send(h, id, window('ISSUE'));
    const last = (await outboxOf(h, id)).at(-1)!;
    expect(last.payload).to.deep.equal({
      applicationId: id,
      seq: issued.seq,
      event: 'ISSUE',
      status: 'approved',
      params: { about: 'permit-issued' },
    });
  });

  describe('content checks', () => {
    it('should validate the stored form on SUBMIT and write nothing when it is invalid', async () => {
      const id = await createPermit(h, { form: { ...copy(permitForm), floorAreaM2: -5 } });
      const before = await footprint(h, id);
      const error = await refusal(send(h, id, SUBMIT));
      expect(error).to.be.instanceOf(ContentInvalidError);
      expect((error as ContentInvalidError).errors.map((e) => e.pointer)).to.deep.equal([
        '/form/floorAreaM2',
      ]);
      expect(await footprint(h, id)).to.deep.equal(before);
      expect(before.application.status).to.equal('draft');

      const { name: _name, ...unnamed } = copy(permitProject) as Record<string, unknown>;
      const nameless = await createPermit(h, { project: unnamed });
      const missing = await refusal(send(h, nameless, SUBMIT));
      expect(missing).to.be.instanceOf(ContentInvalidError);
      expect((missing as ContentInvalidError).errors.map((e) => e.pointer)).to.deep.equal(['/project/name']);
      expect((await loadCase(h, nameless)).version).to.equal(1);
    });

    it('should refuse decisions without reasons and pledges dated in the past', async () => {
      const id = await createPermit(h);
      await send(h, id, SUBMIT);
      const noReasons = await refusal(send(h, id, window('REFUSE')));
      expect(noReasons).to.be.instanceOf(ContentInvalidError);
      expect((noReasons as ContentInvalidError).errors.map((e) => e.pointer)).to.deep.equal(['/comment']);

      const past = await refusal(send(h, id, acceptWithDeficiencies('2026-03-01')));
      expect(past).to.be.instanceOf(ContentInvalidError);
      expect((past as ContentInvalidError).errors.map((e) => e.pointer)).to.deep.equal(['/data/pledgeDate']);
      // The pledged day itself is still in time.
      await send(h, id, acceptWithDeficiencies('2026-03-02'));
      expect((await loadCase(h, id)).status).to.equal('in_review');
    });
  });

  it('should add one version and one audit record per event, with seq equal to the version', async () => {
    const id = await createPermit(h);
    const events: EventInput[] = [
      SUBMIT,
      ACCEPT,
      requestSupplement('planning'),
      SUPPLEMENT,
      ...allReviewDepartments.map(approve),
      extend(5),
      window('ISSUE'),
    ];
    let version = 1;
    for (const event of events) {
      h.clock.advance({ hours: 2 });
      const result = await send(h, id, event);
      version++;
      expect(result.seq, event.type).to.equal(version);
      expect(result.application.version, event.type).to.equal(version);
      expect((await loadCase(h, id)).version).to.equal(version);
    }
    const audit = await auditOf(h, id);
    expect(audit.map((a) => a.seq)).to.deep.equal(Array.from({ length: version }, (_, i) => i + 1));
    expect(audit.map((a) => a.type)).to.deep.equal(['CREATE', ...events.map((e) => e.type)]);
    for (const [i, record] of audit.entries()) {
      if (i > 0) {
        expect(record.prevHash).to.equal(audit[i - 1]!.hash);
        expect(record.from).to.deep.equal(audit[i - 1]!.to);
        expect(record.at > audit[i - 1]!.at).to.equal(true);
      }
    }
    expect(audit.at(-1)).to.deep.include({ to: 'approved', status: 'approved' });
    expect(audit.at(-1)!.hash).to.equal((await loadCase(h, id)).lastHash);
    expect(audit[3]).to.deep.include({
      type: 'REQUEST_SUPPLEMENT',
      clockStopped: true,
      status: 'supplementing',
    });
    expect(audit[3]!.actor).to.deep.equal(clerk('planning'));
  });
});
