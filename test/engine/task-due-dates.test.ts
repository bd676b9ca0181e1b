import { expect } from 'chai';
import { ContentInvalidError, EventNotAllowedError } from '../../src/errors/index.ts';
import { limits } from '../../workflows/construction-permit.ts';
import {
  ACCEPT,
  approve,
  auditOf,
  createPermit,
  footprint,
  loadCase,
  openTasks,
  requestSupplement,
  send,
  SUBMIT,
  SUPPLEMENT,
  tasksOf,
  acceptedPermit,
  extend,
  refusal,
  shanghai as at,
} from '../support/cases.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { harnessPerBlock } from '../support/harness.ts';

/** Monday 2 March 2026, 09:00 in Shanghai. */
const MONDAY = '2026-03-02T09:00:00+08:00';

describeEachDatabase('engine task due dates', (kind) => {
  const h = harnessPerBlock(kind, MONDAY);
  const acceptedCase = (form?: Record<string, unknown>) => acceptedPermit(h, form);

  it('should open tasks with working-day due dates and close them with the closing event', async () => {
    const id = await createPermit(h);
    const submittedAt = h.clock.now().toISOString();
    await send(h, id, SUBMIT);
    const [intake] = await tasksOf(h, id);
    expect(intake).to.deep.include({
      department: 'window',
      action: 'intake',
      limitDays: limits.intake,
      openedAt: submittedAt,
      status: 'open',
      closedAt: null,
      // Monday + 5 working days: the end of the next Monday.
      dueAt: '2026-03-09T15:59:59.999Z',
    });

    h.clock.set(at('2026-03-03T10:00:00'));
    const acceptedAt = h.clock.now().toISOString();
    await send(h, id, ACCEPT);
    const tasks = await tasksOf(h, id);
    expect(tasks[0]).to.deep.include({ status: 'closed', closedAt: acceptedAt, closedByEvent: 'ACCEPT' });
    const reviews = tasks.slice(1);
    const expected = {
      planning: limits.planning,
      housing: limits.housing,
      fire: limits.fire,
      'civil-defense': limits.civilDefense,
      environment: limits.environmentTable,
    };
    expect(reviews.map((t) => t.department)).to.have.members(Object.keys(expected));
    // Each limit counted from Tuesday 3 March on the published 2026 calendar (db/seeds/cn-working-calendar.json):
    // weekends only, but for environment's 30, which skip Qingming (Monday 6 April).
    const dueByHand: Record<string, string> = {
      planning: '2026-03-31T15:59:59.999Z',
      housing: '2026-03-12T15:59:59.999Z',
      fire: '2026-03-24T15:59:59.999Z',
      'civil-defense': '2026-03-31T15:59:59.999Z',
      environment: '2026-04-15T15:59:59.999Z',
    };
    for (const task of reviews) {
      const limit = expected[task.department as keyof typeof expected];
      expect(task, task.department).to.deep.include({
        action: 'review',
        status: 'open',
        openedAt: acceptedAt,
        limitDays: limit,
        dueAt: dueByHand[task.department],
      });
    }
    // Spot checks against the calendar by hand: 20 working days after Tuesday 3 March is Tuesday 31 March;
    // 30 after it skips Qingming (6 April) and ends on Wednesday 15 April.
    const due = (department: string) => reviews.find((t) => t.department === department)!.dueAt;
    expect(due('planning')).to.equal('2026-03-31T15:59:59.999Z');
    expect(due('housing')).to.equal('2026-03-12T15:59:59.999Z');
    expect(due('environment')).to.equal('2026-04-15T15:59:59.999Z');

    h.clock.set(at('2026-03-05T11:00:00'));
    await send(h, id, approve('planning'));
    const planning = (await tasksOf(h, id)).find((t) => t.department === 'planning')!;
    expect(planning).to.deep.include({
      status: 'closed',
      closedAt: h.clock.now().toISOString(),
      closedByEvent: 'APPROVE',
    });

    for (const department of ['housing', 'fire', 'civil-defense', 'environment'])
      await send(h, id, approve(department));
    const issuing = await openTasks(h, id);
    expect(issuing).to.have.length(1);
    expect(issuing[0]).to.deep.include({
      department: 'window',
      action: 'issue',
      limitDays: limits.issue,
      dueAt: '2026-03-09T15:59:59.999Z',
    });
  });

  it('should push open tasks back by the working days the clock stood still', async () => {
    const id = await acceptedCase();
    const before = await openTasks(h, id);
    const accepted = await loadCase(h, id);

    h.clock.set(at('2026-03-09T10:00:00')); // Monday
    await send(h, id, requestSupplement('planning'));
    const stoppedAt = h.clock.now().toISOString();
    for (const task of await openTasks(h, id))
      expect(task.clockStoppedSince, task.department).to.equal(stoppedAt);
    expect((await loadCase(h, id)).clockStoppedSince).to.equal(stoppedAt);

    h.clock.set(at('2026-03-12T15:00:00')); // Thursday: 3 working days later
    await send(h, id, SUPPLEMENT);
    const after = await openTasks(h, id);
    expect(after.map((t) => t.id)).to.deep.equal(before.map((t) => t.id));
    // Each limit plus the 3 stopped days, from Monday 2 March on the published 2026 calendar: weekends only,
    // but for environment's 33, which skip Qingming (Monday 6 April).
    const pushedBack: Record<string, string> = {
      planning: '2026-04-02T15:59:59.999Z',
      housing: '2026-03-16T15:59:59.999Z',
      fire: '2026-03-26T15:59:59.999Z',
      'civil-defense': '2026-04-02T15:59:59.999Z',
      environment: '2026-04-17T15:59:59.999Z',
    };
    for (const task of after) {
      const was = before.find((t) => t.id === task.id)!;
      expect(task.openedAt, task.department).to.equal(was.openedAt);
      expect(task, task.department).to.deep.include({
        clockStoppedSince: null,
        stoppedWorkingDays: 3,
        dueAt: pushedBack[task.department],
      });
    }
    // Housing (7 working days from Monday 2 March: Wednesday 11 March) now ends on Monday 16 March.
    expect(after.find((t) => t.department === 'housing')!.dueAt).to.equal('2026-03-16T15:59:59.999Z');

    const app = await loadCase(h, id);
    expect(app).to.deep.include({ clockStoppedSince: null, stoppedWorkingDays: 3 });
    // 45 working days from Monday 2 March skip Qingming (6 April) and Labour Day (1 to 5 May): Friday 8 May;
    // 3 more count the make-up Saturday 9 May: Tuesday 12 May.
    expect(accepted.acceptedAt).to.equal(at('2026-03-02T10:00:00').toISOString());
    expect(app.dueAt).to.equal('2026-05-12T15:59:59.999Z');
    expect(accepted.dueAt).to.equal('2026-05-08T15:59:59.999Z');
  });

  it('should extend the limit once and refuse a second extension', async () => {
    const id = await createPermit(h);
    await send(h, id, SUBMIT);
    expect(await refusal(send(h, id, extend(5)))).to.be.instanceOf(EventNotAllowedError);
    await send(h, id, ACCEPT);
    const accepted = await loadCase(h, id);
    expect(accepted.limitWorkingDays).to.equal(limits.case);

    const tooLong = await refusal(send(h, id, extend(limits.maxExtension + 1)));
    expect(tooLong).to.be.instanceOf(ContentInvalidError);
    expect((tooLong as ContentInvalidError).errors.map((e) => e.pointer)).to.include('/data/workingDays');

    const { snapshot } = await send(h, id, extend(10));
    expect(snapshot.value).to.deep.equal(accepted.state);
    const extended = await loadCase(h, id);
    expect(extended.limitWorkingDays).to.equal(limits.case + 10);
    // 55 working days from Monday 2 March skip Qingming (6 April) and Labour Day (1 to 5 May) and count the
    // make-up Saturday 9 May: Thursday 21 May.
    expect(extended.acceptedAt).to.equal(at('2026-03-02T09:00:00').toISOString());
    expect(extended.dueAt).to.equal('2026-05-21T15:59:59.999Z');
    expect((await auditOf(h, id)).at(-1)).to.deep.include({
      type: 'EXTEND',
      comment: 'the fire design needs an expert review',
      data: { workingDays: 10 },
    });

    const before = await footprint(h, id);
    expect(await refusal(send(h, id, extend(3)))).to.be.instanceOf(EventNotAllowedError);
    expect(await footprint(h, id)).to.deep.equal(before);
  });
});
