import { expect } from 'chai';
import type { EventInput } from '../../src/engine/workflow.ts';
import { computeCaseTiming, type CaseTiming } from '../../src/timing/case-timing.ts';
import { limits } from '../../workflows/construction-permit.ts';
import { copy, minimalPermitForm } from '../fixtures/construction-permit.ts';
import {
  ACCEPT,
  approve,
  auditOf,
  createPermit,
  loadCase,
  requestSupplement,
  send,
  SUBMIT,
  SUPPLEMENT,
  tasksOf,
  window,
} from '../support/cases.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createHarness, type Harness } from '../support/harness.ts';

/** A local time in Shanghai. */
const sh = (local: string) => `${local}+08:00`;
const iso = (local: string) => new Date(sh(local)).toISOString();

describeEachDatabase('case-timing from engine histories', (kind) => {
  let h: Harness;
  before(async () => {
    h = await createHarness(kind);
  });
  after(async () => {
    await h?.close();
  });

  /** Runs a case with the minimal form (planning and housing) through events at the given Shanghai times. */
  async function runCase(events: Array<[string, EventInput]>): Promise<string> {
    h.clock.set(sh(events[0]![0]));
    const id = await createPermit(h, { form: copy(minimalPermitForm) });
    for (const [local, event] of events) {
      h.clock.set(sh(local));
      await send(h, id, event);
    }
    return id;
  }

  /** The figures the case page shows, computed as the application view does. */
  async function timingOf(id: string, now?: string): Promise<CaseTiming> {
    if (now) h.clock.set(sh(now));
    const app = await loadCase(h, id);
    const def = h.registry.get(app.workflowId, app.workflowVersion);
    return computeCaseTiming({
      app,
      history: await auditOf(h, id),
      acceptanceEvents: def.acceptanceEvents,
      limitWorkingDays: def.limitWorkingDays(h.engine.snapshotOf(app).context),
      calendar: h.calendar,
      now: h.clock.now(),
    });
  }

  const decide = (local: string): Array<[string, EventInput]> => [
    [local, approve('planning')],
    [local, approve('housing')],
  ];

  it('should count working days from acceptance to conclusion', async () => {
    const id = await runCase([
      ['2026-03-02T09:00:00', SUBMIT],
      ['2026-03-03T10:00:00', ACCEPT],
      ...decide('2026-03-10T11:00:00'),
      ['2026-03-20T15:00:00', window('ISSUE')],
    ]);
    expect(await timingOf(id, '2026-04-01T09:00:00')).to.deep.equal({
      calendarDays: 18,
      // 4–6, 9–13 and 16–20 March.
      workingDays: 13,
      stoppedWorkingDays: 0,
      specialProcedureWorkingDays: 0,
      applicantWorkingDays: 0,
      netWorkingDays: 13,
      limitWorkingDays: limits.case,
      onTime: true,
      acceptedAt: iso('2026-03-03T10:00:00'),
      acceptanceDeemed: false,
    });
  });

  it('should count an open case up to now', async () => {
    const id = await runCase([
      ['2026-03-02T09:00:00', SUBMIT],
      ['2026-03-03T10:00:00', ACCEPT],
    ]);
    expect(await timingOf(id, '2026-03-09T08:00:00')).to.deep.include({
      calendarDays: 7,
      workingDays: 4,
      netWorkingDays: 4,
      onTime: true,
    });
  });

  it('should subtract the working days the clock stood still for a department’s supplement', async () => {
    const id = await runCase([
      ['2026-03-02T09:00:00', SUBMIT],
      ['2026-03-03T10:00:00', ACCEPT],
      ['2026-03-09T10:00:00', requestSupplement('planning')],
      ['2026-03-12T10:00:00', SUPPLEMENT],
      ...decide('2026-03-16T11:00:00'),
      ['2026-03-20T15:00:00', window('ISSUE')],
    ]);
    const timing = await timingOf(id);
    expect(timing).to.deep.include({
      workingDays: 13,
      stoppedWorkingDays: 3,
      netWorkingDays: 10,
      onTime: true,
    });
    // The engine's running account on the case row agrees with the figure computed from the history.
    expect((await loadCase(h, id)).stoppedWorkingDays).to.equal(3);
  });

  it('should not count the window’s intake supplement, which comes before acceptance', async () => {
    const id = await runCase([
      ['2026-03-02T09:00:00', SUBMIT],
      ['2026-03-03T09:00:00', requestSupplement('window')],
      ['2026-03-09T09:00:00', SUPPLEMENT],
      ['2026-03-10T10:00:00', ACCEPT],
      ...decide('2026-03-16T11:00:00'),
      ['2026-03-20T15:00:00', window('ISSUE')],
    ]);
    expect(await timingOf(id)).to.deep.include({
      acceptedAt: iso('2026-03-10T10:00:00'),
      acceptanceDeemed: false,
      workingDays: 8,
      stoppedWorkingDays: 0,
      netWorkingDays: 8,
    });
    expect((await loadCase(h, id)).stoppedWorkingDays).to.equal(0);
  });

  it('should deem the submission the acceptance when the window waits more than 5 working days', async () => {
    // Submitted Monday 2 March; accepted Tuesday 10 March, the 6th working day after.
    const late = await runCase([
      ['2026-03-02T09:00:00', SUBMIT],
      ['2026-03-10T10:00:00', ACCEPT],
      ...decide('2026-03-16T11:00:00'),
      ['2026-03-20T15:00:00', window('ISSUE')],
    ]);
    expect(await timingOf(late)).to.deep.include({
      acceptedAt: iso('2026-03-02T09:00:00'),
      acceptanceDeemed: true,
      workingDays: 14,
      netWorkingDays: 14,
    });
    // The case row keeps the window's own acceptance; only the figures count from the submission.
    expect((await loadCase(h, late)).acceptedAt).to.equal(iso('2026-03-10T10:00:00'));

    // Accepted on Monday 9 March, the 5th working day: in time.
    const inTime = await runCase([
      ['2026-03-02T09:00:00', SUBMIT],
      ['2026-03-09T17:00:00', ACCEPT],
      ...decide('2026-03-16T11:00:00'),
      ['2026-03-20T15:00:00', window('ISSUE')],
    ]);
    expect(await timingOf(inTime)).to.deep.include({
      acceptedAt: iso('2026-03-09T17:00:00'),
      acceptanceDeemed: false,
      workingDays: 9,
    });

    // Still waiting for the window after 6 working days: deemed accepted already, and the clock runs.
    const waiting = await runCase([['2026-03-02T09:00:00', SUBMIT]]);
    expect(await timingOf(waiting, '2026-03-10T09:00:00')).to.deep.include({
      acceptedAt: iso('2026-03-02T09:00:00'),
      acceptanceDeemed: true,
      workingDays: 6,
    });
    expect(await timingOf(waiting, '2026-03-09T09:00:00')).to.deep.include({
      acceptedAt: null,
      acceptanceDeemed: false,
      workingDays: null,
    });
  });

  it('should judge onTime by net working days against the limit, extension included', async () => {
    const accepted = '2026-03-02T10:00:00';
    // The n-th working day after Monday 2 March, written out from the published 2026 calendar
    // (db/seeds/cn-working-calendar.json): Qingming (6 April) and Labour Day (1 to 5 May) are skipped, the
    // make-up Saturday 9 May counts.
    const nthWorkingDay: Record<number, string> = {
      44: '2026-05-07',
      45: '2026-05-08',
      46: '2026-05-09',
      47: '2026-05-11',
      48: '2026-05-12',
    };
    const after = (n: number) => `${nthWorkingDay[n]}T15:00:00`;
    const conclude = async (workingDays: number, extra: Array<[string, EventInput]> = []) =>
      timingOf(
        await runCase([
          ['2026-03-02T09:00:00', SUBMIT],
          [accepted, ACCEPT],
          ...extra,
          ...decide(after(workingDays - 1)),
          [after(workingDays), window('ISSUE')],
        ]),
      );

    expect(await conclude(45)).to.deep.include({ netWorkingDays: 45, limitWorkingDays: 45, onTime: true });
    expect(await conclude(46)).to.deep.include({ netWorkingDays: 46, limitWorkingDays: 45, onTime: false });

    const extended = await conclude(46, [
      ['2026-03-03T10:00:00', window('EXTEND', { comment: 'public notice', data: { workingDays: 5 } })],
    ]);
    expect(extended).to.deep.include({ netWorkingDays: 46, limitWorkingDays: 50, onTime: true });

    // 48 working days, 3 of them waiting for the applicant: 45 net, on time.
    const stopped = await conclude(48, [
      ['2026-03-09T10:00:00', requestSupplement('housing')],
      ['2026-03-12T10:00:00', SUPPLEMENT],
    ]);
    expect(stopped).to.deep.include({
      workingDays: 48,
      stoppedWorkingDays: 3,
      netWorkingDays: 45,
      onTime: true,
    });
  });

  it('should flag figures provisional when the case runs into 2027, whose calendar is not published', async () => {
    expect(h.calendar.isPublished(2027)).to.equal(false);
    const id = await runCase([
      ['2026-12-28T09:00:00', SUBMIT],
      ['2026-12-28T10:00:00', ACCEPT],
    ]);
    // Open in 2026: nothing provisional yet.
    const open = await timingOf(id, '2026-12-31T12:00:00');
    expect(open).to.deep.include({ workingDays: 3 });
    expect(open).to.not.have.property('provisional');
    // The tasks' due dates already fall in 2027.
    for (const task of (await tasksOf(h, id)).filter((t) => t.action === 'review')) {
      expect(task.dueProvisional, task.department).to.equal(true);
    }

    for (const [local, event] of decide('2027-01-06T11:00:00')) {
      h.clock.set(sh(local));
      await send(h, id, event);
    }
    h.clock.set(sh('2027-01-08T15:00:00'));
    await send(h, id, window('ISSUE'));
    expect(await timingOf(id)).to.deep.equal({
      calendarDays: 11,
      // 29–31 December, then 1 January 2027 (a Friday: a working day on weekends alone) and 4–8 January.
      workingDays: 9,
      stoppedWorkingDays: 0,
      specialProcedureWorkingDays: 0,
      applicantWorkingDays: 0,
      netWorkingDays: 9,
      limitWorkingDays: limits.case,
      onTime: true,
      acceptedAt: iso('2026-12-28T10:00:00'),
      acceptanceDeemed: false,
      provisional: true,
      missingCalendarYears: [2027],
    });
  });
});
