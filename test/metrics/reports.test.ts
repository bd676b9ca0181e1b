import { expect } from 'chai';
import type { EventInput } from '../../src/engine/workflow.ts';
import {
  biweeklyWatchList,
  monthlyBulletin,
  weeklyDispatch,
  type BulletinRow,
  type ReportDeps,
} from '../../src/metrics/index.ts';
import { copy, minimalPermitForm } from '../fixtures/construction-permit.ts';
import { ACCEPT, approve, createPermit, requestSupplement, send, SUBMIT, window } from '../support/cases.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createHarness, type Harness } from '../support/harness.ts';

/** A local time in Shanghai. */
const sh = (local: string) => `${local}+08:00`;

/** Runs a minimal permit (planning and housing review) through events at the given Shanghai times. */
async function runCase(h: Harness, events: Array<[string, EventInput]>): Promise<string> {
  h.clock.set(sh(events[0]![0]));
  const id = await createPermit(h, { form: copy(minimalPermitForm) });
  for (const [local, event] of events) {
    h.clock.set(sh(local));
    await send(h, id, event);
  }
  return id;
}

const depsOf = (h: Harness): ReportDeps => ({ db: h.db, calendar: h.calendar, registry: h.registry });

describeEachDatabase('metrics/reports', (kind) => {
  describe('weekly dispatch and biweekly watch list', () => {
    let h: Harness;
    const ids: Record<string, string> = {};
    before(async () => {
      h = await createHarness(kind);
      // Housing has 7 working days, planning 20, the case 45; March 2026 has no holiday.
      ids.a = await runCase(h, [
        ['2026-03-02T09:00:00', SUBMIT],
        ['2026-03-02T10:00:00', ACCEPT],
      ]); // housing due Wed 03-11, planning Mon 03-30, case Fri 05-08
      ids.b = await runCase(h, [
        ['2026-03-04T09:00:00', SUBMIT],
        ['2026-03-04T10:00:00', ACCEPT],
      ]); // housing due Fri 03-13, case Mon 05-11
      ids.e = await runCase(h, [
        ['2026-03-05T09:00:00', SUBMIT],
        ['2026-03-05T10:00:00', ACCEPT],
      ]); // housing due Mon 03-16
      ids.c = await runCase(h, [
        ['2026-03-02T08:00:00', SUBMIT],
        ['2026-03-02T11:00:00', ACCEPT],
        ['2026-03-05T11:00:00', requestSupplement('planning')],
      ]); // the applicant's turn: every clock of the case stands still
      ids.d = await runCase(h, [['2026-03-10T09:00:00', SUBMIT]]); // intake due Tue 03-17
      ids.done = await runCase(h, [
        ['2026-03-02T09:00:00', SUBMIT],
        ['2026-03-02T10:00:00', ACCEPT],
        ['2026-03-03T10:00:00', approve('housing')],
        ['2026-03-04T10:00:00', approve('planning')],
        ['2026-03-05T10:00:00', window('ISSUE')],
      ]);
      h.clock.set(sh('2026-03-12T09:00:00'));
    });
    after(async () => {
      await h?.close();
    });

    it('should list every case in progress with its stage, open tasks and working days left', async () => {
      const report = await weeklyDispatch(depsOf(h), '2026-03-12');
      expect(report.summary).to.deep.equal({
        inProgress: 5,
        overdue: 0,
        clockStopped: 1,
        notYetAccepted: 1,
        licencesUnreported: 0,
      });
      // Most urgent first; cases without a running deadline last, oldest submission first.
      expect(report.items.map((i) => i.id)).to.deep.equal([ids.a, ids.b, ids.e, ids.c, ids.d]);
      const [a, b, e, c, d] = report.items;
      // 45 − the 8 working days from 03-02 to 03-12 (and so on for B and E).
      expect([a!.workingDaysLeft, b!.workingDaysLeft, e!.workingDaysLeft]).to.deep.equal([37, 39, 40]);
      expect(a).to.include({ workflow: 'construction-permit', status: 'in_review', overdue: false });
      expect(a!.openTasks.map((t) => [t.department, t.step, t.workingDaysLeft, t.overdue])).to.deep.equal([
        ['housing', 'review', -1, true],
        ['planning', 'review', 12, false],
      ]);
      expect(c).to.include({ status: 'supplementing', clockStopped: true, workingDaysLeft: null });
      expect(c!.openTasks.every((t) => t.clockStopped && t.workingDaysLeft === null)).to.equal(true);
      expect(d).to.include({ status: 'submitted', acceptedAt: null, dueAt: null, workingDaysLeft: null });
      expect(d!.openTasks.map((t) => [t.department, t.step, t.workingDaysLeft])).to.deep.equal([
        ['window', 'intake', 3],
      ]);
      expect(report.items.map((i) => i.id)).not.to.include(ids.done);
    });

    it('should count days left negative once the deadline has passed, make-up Saturdays included', async () => {
      const report = await weeklyDispatch(depsOf(h), '2026-05-11');
      const a = report.items.find((i) => i.id === ids.a)!;
      const b = report.items.find((i) => i.id === ids.b)!;
      // A was due Fri 05-08; Sat 05-09 is a make-up working day, so Mon 05-11 is 2 working days late.
      expect(a).to.include({ workingDaysLeft: -2, overdue: true });
      expect(b).to.include({ workingDaysLeft: 0, overdue: false });
      expect(report.summary.overdue).to.equal(1);
    });

    it('should list overdue and at-risk tasks by department, and nothing safe or stopped', async () => {
      const report = await biweeklyWatchList(depsOf(h), '2026-03-12');
      expect(report.atRiskThrough).to.equal('2026-03-16');
      expect(report.summary).to.deep.equal({ overdue: 1, atRisk: 2 });
      expect(report.departments.map((d) => [d.department, d.overdue, d.atRisk])).to.deep.equal([
        ['housing', 1, 2],
      ]);
      const items = report.departments[0]!.items;
      expect(
        items.map((i) => [i.applicationId, i.step, i.dueAt.slice(0, 10), i.overdue, i.workingDaysLeft]),
      ).to.deep.equal([
        [ids.a, 'review', '2026-03-11', true, -1],
        [ids.b, 'review', '2026-03-13', false, 1],
        [ids.e, 'review', '2026-03-16', false, 2],
      ]);
      expect(items.map((i) => i.workingDaysLate)).to.deep.equal([1, 0, 0]);
      // C's housing task was due 03-11 too, but its clock is stopped; D's intake has 3 working days left.
      const listed = items.map((i) => i.applicationId);
      expect(listed).not.to.include(ids.c);
      expect(listed).not.to.include(ids.d);
    });
  });

  describe('monthly bulletin', () => {
    let h: Harness;
    before(async () => {
      h = await createHarness(kind);
      // Window intake 0 and issue 1; housing 3 (limit 7); planning 5 (limit 20); the case 6 (limit 45).
      await runCase(h, [
        ['2026-03-02T09:00:00', SUBMIT],
        ['2026-03-02T10:00:00', ACCEPT],
        ['2026-03-05T10:00:00', approve('housing')],
        ['2026-03-09T10:00:00', approve('planning')],
        ['2026-03-10T10:00:00', window('ISSUE')],
      ]);
      // Window intake 2 and issue 1; housing 12 (late); planning 8; the case 13.
      await runCase(h, [
        ['2026-03-02T09:00:00', SUBMIT],
        ['2026-03-04T10:00:00', ACCEPT],
        ['2026-03-16T10:00:00', approve('planning')],
        ['2026-03-20T10:00:00', approve('housing')],
        ['2026-03-23T10:00:00', window('ISSUE')],
      ]);
      // Accepted in April: its intake does not count in March.
      await runCase(h, [
        ['2026-03-30T09:00:00', SUBMIT],
        ['2026-04-01T10:00:00', ACCEPT],
      ]);
    });
    after(async () => {
      await h?.close();
    });

    const figures = (rows: BulletinRow[]) =>
      rows
        .filter((r) => r.rank !== null)
        .map((r) => [
          r.rank,
          r.group,
          r.concluded,
          r.onTime,
          r.late,
          r.onTimeRate,
          r.medianWorkingDays,
          r.limitWorkingDays,
          r.limitsVary,
          r.compressionRate,
        ]);

    it('should rank departments by on-time rate, then median, with the compression rate', async () => {
      h.clock.set(sh('2026-04-02T09:00:00'));
      const report = await monthlyBulletin(depsOf(h), '2026-03-15', h.clock.now());
      expect(report).to.include({ month: '2026-03', complete: true });
      expect(report.from).to.equal('2026-02-28T16:00:00.000Z');
      expect(report.to).to.equal('2026-03-31T16:00:00.000Z');
      expect(figures(report.departments)).to.deep.equal([
        // Window: [0, 1, 1, 2] against limits [2, 2, 5, 5]: median 1, median limit 3.5, 1 − 1/3.5.
        [1, 'window', 4, 4, 0, 1, 1, 3.5, true, 0.7143],
        // Planning: [5, 8], median 6.5 of 20: 1 − 6.5/20.
        [2, 'planning', 2, 2, 0, 1, 6.5, 20, false, 0.675],
        // Housing: [3, 12], one late, median 7.5 of 7: slower than the law allows.
        [3, 'housing', 2, 1, 1, 0.5, 7.5, 7, false, -0.0714],
      ]);
      // Every other known department is listed after the ranking, with nothing closed.
      const idle = report.departments.filter((r) => r.rank === null);
      expect(idle.map((r) => r.group)).to.include.members(['archives', 'fire', 'environment']);
      expect(idle.every((r) => r.concluded === 0 && r.compressionRate === null)).to.equal(true);
      // Cases decided in March: [6, 13], median 9.5 of 45.
      expect(figures(report.workflows)).to.deep.equal([
        [1, 'construction-permit', 2, 2, 0, 1, 9.5, 45, false, 0.7889],
      ]);
      expect(report.workflows.find((w) => w.group === 'completion-acceptance')).to.include({
        rank: null,
        concluded: 0,
      });
    });

    it('should say a month still running is incomplete, and keep each month to itself', async () => {
      h.clock.set(sh('2026-04-02T09:00:00'));
      const april = await monthlyBulletin(depsOf(h), '2026-04-01', h.clock.now());
      expect(april).to.include({ month: '2026-04', complete: false });
      expect(figures(april.departments)).to.deep.equal([[1, 'window', 1, 1, 0, 1, 2, 5, false, 0.6]]);
      expect(april.workflows.every((w) => w.rank === null)).to.equal(true);
    });
  });
});
