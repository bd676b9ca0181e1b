import { expect } from 'chai';
import type { EventInput } from '../../src/engine/workflow.ts';
import { computeCaseTiming, storedCaseTiming, type CaseTiming } from '../../src/timing/case-timing.ts';
import { storedCaseFigures } from '../../src/timing/case-figures.ts';
import { loadReferenceCalendar } from '../../src/calendar/reference-data.ts';
import { recomputeForYear, replayUnkeptTimings } from '../../src/timing/recompute.ts';
import { copy, minimalPermitForm, permitForm } from '../fixtures/construction-permit.ts';
import {
  ACCEPT,
  approve,
  auditOf,
  createPermit,
  dept,
  loadCase,
  requestSupplement,
  send,
  SUBMIT,
  SUPPLEMENT,
  window,
  WITHDRAW,
} from '../support/cases.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createHarness, type Harness } from '../support/harness.ts';

/** A local time in Shanghai as the ISO instant the service stores. */
const sh = (local: string) => new Date(`${local}+08:00`).toISOString();

/** Times the figures are asked at after every event, besides the event's own. */
const LATER = ['2026-03-06T18:00:00', '2026-03-11T09:00:00', '2026-04-20T12:00:00', '2027-01-15T12:00:00'];

/*
 * The case page's timing comes from the row's accounts, kept by each event (migration 022); the replay of the
 * audit log is the reference it must equal, after every event and at times after it, for cases of every shape.
 */
describeEachDatabase('timing/stored case timing', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(kind, '2026-03-02T09:00:00+08:00');
  });
  afterEach(async () => {
    await h?.close();
  });

  /** Both figures of the case as it stands, at `now`. */
  async function bothAt(id: string, now: string): Promise<{ stored: CaseTiming; replayed: CaseTiming }> {
    const app = await loadCase(h, id);
    const def = h.registry.get(app.workflowId, app.workflowVersion);
    const basis = {
      app,
      limitWorkingDays: def.limitWorkingDays(h.engine.snapshotOf(app).context),
      calendar: h.calendar,
      now: new Date(now),
    };
    expect(app.timingAccounts, 'the row keeps its accounts').to.be.an('object');
    return {
      stored: storedCaseTiming({ ...basis, accounts: app.timingAccounts! }),
      replayed: computeCaseTiming({
        ...basis,
        history: await auditOf(h, id),
        acceptanceEvents: def.acceptanceEvents,
      }),
    };
  }

  /**
   * Runs the case event by event, holding the stored figures to the replayed ones after each event, at its
   * time and later; returns the case and its last figures.
   */
  async function runAndCompare(
    events: Array<[string, EventInput]>,
    form = minimalPermitForm,
  ): Promise<{ id: string; last: CaseTiming }> {
    h.clock.set(sh(events[0]![0]));
    const id = await createPermit(h, { form: copy(form) });
    let last: CaseTiming | undefined;
    for (const [local, event] of events) {
      h.clock.set(sh(local));
      await send(h, id, event);
      for (const now of [sh(local), ...LATER.map(sh).filter((t) => t >= sh(local))]) {
        const { stored, replayed } = await bothAt(id, now);
        expect(stored, `after ${event.type} at ${local}, asked at ${now}`).to.deep.equal(replayed);
        last = stored;
      }
    }
    await expectConclusionFiguresReplayed(id);
    return { id, last: last! };
  }

  /** The figures stored at conclusion (from the row's accounts) are those the replay gives. */
  async function expectConclusionFiguresReplayed(id: string): Promise<void> {
    const app = await loadCase(h, id);
    const def = h.registry.get(app.workflowId, app.workflowVersion);
    const replayed = storedCaseFigures(app, await auditOf(h, id), def.acceptanceEvents, h.calendar);
    const row = await h.db.knex('applications').where({ id }).first();
    const stored = {
      working_days: row.working_days === null ? null : Number(row.working_days),
      net_working_days: row.net_working_days === null ? null : Number(row.net_working_days),
      special_working_days: row.special_working_days === null ? null : Number(row.special_working_days),
      on_time: row.on_time === null ? null : Boolean(row.on_time),
      concluded_month: row.concluded_month ?? null,
      timing_provisional: Boolean(row.timing_provisional),
    };
    expect(stored, 'the figures stored at conclusion').to.deep.equal(replayed);
  }

  const decide = (local: string): Array<[string, EventInput]> => [
    [local, approve('planning')],
    [local, approve('housing')],
  ];

  it('should equal the replay for a timely acceptance with a department’s supplement', async () => {
    const { last } = await runAndCompare([
      ['2026-03-02T09:00:00', SUBMIT],
      ['2026-03-03T10:00:00', ACCEPT],
      ['2026-03-09T10:00:00', requestSupplement('planning')],
      ['2026-03-12T10:00:00', SUPPLEMENT],
      ...decide('2026-03-16T11:00:00'),
      ['2026-03-20T15:00:00', window('ISSUE')],
    ]);
    // 4–6, 9–13, 16–20 March; 10–12 March stopped.
    expect(last).to.deep.include({ workingDays: 13, stoppedWorkingDays: 3, netWorkingDays: 10 });
  });

  it('should equal the replay for an acceptance deemed after a late request for a supplement', async () => {
    const { last } = await runAndCompare([
      ['2026-03-02T09:00:00', SUBMIT],
      // Tuesday 10 March: the 6th working day after submission, too late (art. 32).
      ['2026-03-10T10:00:00', requestSupplement('window')],
      ['2026-03-13T10:00:00', SUPPLEMENT],
      ['2026-03-16T10:00:00', ACCEPT],
      ...decide('2026-03-18T11:00:00'),
      ['2026-03-20T15:00:00', window('ISSUE')],
    ]);
    // From the submission: 3–6, 9–13, 16–20 March = 14; stopped 11–13 March = 3.
    expect(last).to.deep.include({
      acceptedAt: sh('2026-03-02T09:00:00'),
      acceptanceDeemed: true,
      workingDays: 14,
      stoppedWorkingDays: 3,
      netWorkingDays: 11,
    });
  });

  it('should equal the replay while the window has not answered, before and after acceptance is deemed', async () => {
    const { id } = await runAndCompare([['2026-03-02T09:00:00', SUBMIT]]);
    expect((await bothAt(id, sh('2026-03-09T09:00:00'))).stored).to.deep.include({ acceptedAt: null });
    expect((await bothAt(id, sh('2026-03-10T09:00:00'))).stored).to.deep.include({
      acceptedAt: sh('2026-03-02T09:00:00'),
      acceptanceDeemed: true,
      workingDays: 6,
    });
  });

  it('should equal the replay for an intake supplement in time, which the figures do not count', async () => {
    const { last } = await runAndCompare([
      ['2026-03-02T09:00:00', SUBMIT],
      ['2026-03-03T09:00:00', requestSupplement('window')],
      ['2026-03-09T09:00:00', SUPPLEMENT],
      ['2026-03-10T10:00:00', ACCEPT],
      ...decide('2026-03-16T11:00:00'),
      ['2026-03-20T15:00:00', window('ISSUE')],
    ]);
    expect(last).to.deep.include({ acceptanceDeemed: false, workingDays: 8, stoppedWorkingDays: 0 });
  });

  it('should equal the replay for an expert review (a special procedure) on construction permit version 2', async () => {
    h.clock.set(sh('2026-03-30T09:00:00'));
    const { last } = await runAndCompare(
      [
        ['2026-03-30T09:00:00', SUBMIT],
        ['2026-03-30T10:00:00', ACCEPT],
        ['2026-04-01T10:00:00', dept('START_EXPERT_REVIEW', 'fire', { comment: 'atrium smoke control' })],
        ['2026-04-09T10:00:00', requestSupplement('planning')],
        ['2026-04-10T15:00:00', dept('RECORD_EXPERT_OPINION', 'fire', { comment: 'sound' })],
        ['2026-04-14T10:00:00', SUPPLEMENT],
      ],
      permitForm,
    );
    // Asked 15 January 2027 (LATER): stopped 2, 3, 7–10, 13, 14 April = 8, of which the review 2, 3, 7–10 = 6.
    expect(last).to.deep.include({ stoppedWorkingDays: 8, specialProcedureWorkingDays: 6 });
    expect(last).to.deep.include({ applicantWorkingDays: 2 });
  });

  it('should equal the replay for a case withdrawn while supplementing, after acceptance was deemed', async () => {
    const { last } = await runAndCompare([
      ['2026-03-02T09:00:00', SUBMIT],
      ['2026-03-11T10:00:00', requestSupplement('window')],
      ['2026-03-16T10:00:00', WITHDRAW],
    ]);
    expect(last).to.deep.include({ acceptanceDeemed: true, calendarDays: 14 });
  });

  it('should equal the replay for a case running into 2027, whose calendar is not published', async () => {
    const { last } = await runAndCompare([
      ['2026-12-28T09:00:00', SUBMIT],
      ['2026-12-28T10:00:00', ACCEPT],
      ...decide('2027-01-06T11:00:00'),
      ['2027-01-08T15:00:00', window('ISSUE')],
    ]);
    expect(last).to.deep.include({ workingDays: 9, provisional: true, missingCalendarYears: [2027] });
  });

  it('should give a case stored before its accounts were kept the replayed accounts, once', async () => {
    const { id } = await runAndCompare([
      ['2026-03-02T09:00:00', SUBMIT],
      ['2026-03-10T10:00:00', requestSupplement('window')],
    ]);
    const kept = (await loadCase(h, id)).timingAccounts;
    const unkept = {
      first_response_at: null,
      special_stopped_since: null,
      special_stopped_days: null,
      submission_stopped_since: null,
      submission_stopped_days: null,
      submission_special_since: null,
      submission_special_days: null,
    };
    await h.db.knex('applications').where({ id }).update(unkept);
    expect((await loadCase(h, id)).timingAccounts).to.equal(null);

    expect(await replayUnkeptTimings(h.db, h.registry, h.calendar)).to.equal(1);
    expect((await loadCase(h, id)).timingAccounts).to.deep.equal(kept);
    expect(await replayUnkeptTimings(h.db, h.registry, h.calendar)).to.equal(0);
  });

  it('should keep no accounts on a case stored before them until it is replayed, and figures right after', async () => {
    const { id } = await runAndCompare([['2026-03-02T09:00:00', SUBMIT]]);
    await h.db.knex('applications').where({ id }).update({ submission_stopped_days: null });
    h.clock.set(sh('2026-03-03T10:00:00'));
    await send(h, id, ACCEPT);
    expect((await loadCase(h, id)).timingAccounts).to.equal(null);
    await replayUnkeptTimings(h.db, h.registry, h.calendar);
    const { stored, replayed } = await bothAt(id, sh('2026-03-11T09:00:00'));
    expect(stored).to.deep.equal(replayed);
  });

  it('should recompute the accounts when the calendar of their year is republished', async () => {
    const { id } = await runAndCompare([
      ['2026-03-02T09:00:00', SUBMIT],
      ['2026-03-10T10:00:00', requestSupplement('window')],
      ['2026-03-13T10:00:00', SUPPLEMENT],
    ]);
    // Deemed accepted; stopped Wednesday 11 to Friday 13 March.
    expect((await loadCase(h, id)).timingAccounts!.fromSubmission.stoppedWorkingDays).to.equal(3);

    // The 2026 notice republished with Thursday 12 March off.
    const year = loadReferenceCalendar()['2026']!;
    h.calendar.publish(2026, [...year, { name: 'a day off', daysOff: ['2026-03-12'], makeUpWorkdays: [] }]);
    await recomputeForYear(h.db, h.registry, h.calendar, 2026, new Date(sh('2026-03-16T09:00:00')));

    expect((await loadCase(h, id)).timingAccounts!.fromSubmission.stoppedWorkingDays).to.equal(2);
    const { stored, replayed } = await bothAt(id, sh('2026-03-20T09:00:00'));
    expect(stored).to.deep.equal(replayed);
    // 3–6, 9–11, 13, 16–20 March = 13 working days from the submission, 2 of them stopped.
    expect(stored).to.deep.include({ workingDays: 13, stoppedWorkingDays: 2, netWorkingDays: 11 });
  });
});
