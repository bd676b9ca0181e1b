import { expect } from 'chai';
import { referenceCalendar } from '../../src/calendar/index.ts';
import {
  advanceStoppedClock,
  replayStoppedClock,
  RUNNING_CLOCK,
  stoppedThrough,
  type ClockMark,
  type StoppedClock,
} from '../../src/timing/stopped-clock.ts';

/**
 * Every expected count is made by hand from the State Council notices (db/seeds/cn-working-calendar.json),
 * counting the working days d with date(start) < d ≤ date(end) in Asia/Shanghai:
 * - Spring Festival 2026: 15–23 February off, Saturdays 14 and 28 February worked;
 * - Mid-Autumn 25–27 September and National Day 1–7 October 2026 off, Sunday 20 September and Saturday
 *   10 October worked.
 */
const calendar = referenceCalendar();

/** The instant of a Shanghai local time, as the service stores it (UTC, milliseconds). */
const at = (local: string) => new Date(`${local}+08:00`).toISOString();
const mark = (local: string, clockStopped: boolean): ClockMark => ({ at: at(local), clockStopped });

describe('timing/stopped-clock', () => {
  describe('advanceStoppedClock', () => {
    it('should start a stop at the moment the clock is found stopped', () => {
      const clock = advanceStoppedClock(RUNNING_CLOCK, true, at('2026-02-12T10:00:00'), calendar);
      expect(clock).to.deep.equal({ clockStoppedSince: at('2026-02-12T10:00:00'), stoppedWorkingDays: 0 });
    });

    it('should add the working days of a stop across the Spring Festival when the clock runs again', () => {
      // Thursday 12 February to Wednesday 25 February: 13 (Fri), 14 (make-up Sat), 24 and 25 February.
      const stopped: StoppedClock = { clockStoppedSince: at('2026-02-12T10:00:00'), stoppedWorkingDays: 3 };
      const clock = advanceStoppedClock(stopped, false, at('2026-02-25T09:00:00'), calendar);
      expect(clock).to.deep.equal({ clockStoppedSince: null, stoppedWorkingDays: 3 + 4 });
    });

    it('should add the working days of a stop across Mid-Autumn and National Day 2026', () => {
      // Thursday 24 September to Monday 12 October: 28, 29, 30 September, 8, 9, 10 (make-up Sat), 12 October.
      const stopped: StoppedClock = { clockStoppedSince: at('2026-09-24T17:00:00'), stoppedWorkingDays: 0 };
      const clock = advanceStoppedClock(stopped, false, at('2026-10-12T09:00:00'), calendar);
      expect(clock.stoppedWorkingDays).to.equal(7);
    });

    it('should count a make-up Sunday and not the weekend before it', () => {
      // Friday 18 September to Monday 21 September: Sunday 20 (make-up) and Monday 21.
      const stopped: StoppedClock = { clockStoppedSince: at('2026-09-18T15:00:00'), stoppedWorkingDays: 0 };
      expect(
        advanceStoppedClock(stopped, false, at('2026-09-21T09:00:00'), calendar).stoppedWorkingDays,
      ).to.equal(2);
    });

    it('should count by the Shanghai day, not the UTC one', () => {
      // 23:59:59 on Friday 13 February to 00:00 on Saturday 14 (make-up): one working day, one second later.
      const stopped: StoppedClock = { clockStoppedSince: '2026-02-13T15:59:59.000Z', stoppedWorkingDays: 0 };
      expect(
        advanceStoppedClock(stopped, false, '2026-02-13T16:00:00.000Z', calendar).stoppedWorkingDays,
      ).to.equal(1);
      // A stop within one day, or ending during the holiday, counts nothing.
      const sameDay: StoppedClock = { clockStoppedSince: at('2026-02-13T09:00:00'), stoppedWorkingDays: 0 };
      expect(
        advanceStoppedClock(sameDay, false, at('2026-02-13T17:00:00'), calendar).stoppedWorkingDays,
      ).to.equal(0);
      const inHoliday: StoppedClock = { clockStoppedSince: at('2026-02-14T17:00:00'), stoppedWorkingDays: 0 };
      expect(
        advanceStoppedClock(inHoliday, false, at('2026-02-23T17:00:00'), calendar).stoppedWorkingDays,
      ).to.equal(0);
    });

    it('should leave the account as it is while nothing changes', () => {
      const stopped: StoppedClock = { clockStoppedSince: at('2026-02-12T10:00:00'), stoppedWorkingDays: 2 };
      expect(advanceStoppedClock(stopped, true, at('2026-02-25T09:00:00'), calendar)).to.equal(stopped);
      const running: StoppedClock = { clockStoppedSince: null, stoppedWorkingDays: 2 };
      expect(advanceStoppedClock(running, false, at('2026-02-25T09:00:00'), calendar)).to.equal(running);
    });
  });

  describe('stoppedThrough', () => {
    it('should count a stop still running up to the end asked for', () => {
      // Wednesday 30 September to Friday 9 October: 8 and 9 October.
      const clock: StoppedClock = { clockStoppedSince: at('2026-09-30T10:00:00'), stoppedWorkingDays: 4 };
      expect(stoppedThrough(clock, at('2026-10-09T18:00:00'), calendar)).to.equal(4 + 2);
      expect(stoppedThrough(clock, at('2026-10-07T18:00:00'), calendar)).to.equal(4);
    });

    it('should give the ended stops alone while the clock runs', () => {
      const clock: StoppedClock = { clockStoppedSince: null, stoppedWorkingDays: 4 };
      expect(stoppedThrough(clock, at('2026-10-09T18:00:00'), calendar)).to.equal(4);
    });
  });

  describe('replayStoppedClock', () => {
    /** A case stopped twice: across the Spring Festival, then from Monday 2 March, still stopped. */
    const history: ClockMark[] = [
      mark('2026-02-05T10:00:00', false),
      mark('2026-02-10T10:00:00', true),
      mark('2026-02-11T10:00:00', true),
      mark('2026-02-25T09:00:00', false),
      mark('2026-02-27T11:00:00', false),
      mark('2026-03-02T10:00:00', true),
    ];

    it('should fold the audit flags into the ended stops and the one still running', () => {
      const clock = replayStoppedClock(history, calendar, { from: at('2026-02-01T00:00:00') });
      // Tuesday 10 to Wednesday 25 February: 11, 12, 13, 14 (make-up Sat), 24, 25.
      expect(clock).to.deep.equal({ clockStoppedSince: at('2026-03-02T10:00:00'), stoppedWorkingDays: 6 });
      // Monday 2 to Wednesday 4 March: 3 and 4.
      expect(stoppedThrough(clock, at('2026-03-04T12:00:00'), calendar)).to.equal(6 + 2);
    });

    it('should count a stop that began before `from` only from `from`', () => {
      // Accepted Thursday 12 February: 13, 14 (make-up Sat), 24, 25.
      const clock = replayStoppedClock(history, calendar, { from: at('2026-02-12T10:00:00') });
      expect(clock.stoppedWorkingDays).to.equal(4);
      // Accepted after the first stop ended: it counts nothing.
      expect(
        replayStoppedClock(history, calendar, { from: at('2026-02-26T10:00:00') }).stoppedWorkingDays,
      ).to.equal(0);
    });

    it('should count a stop that ended after `to` only up to `to`', () => {
      // 10 to Tuesday 24 February: 11, 12, 13, 14, 24; the stop of 2 March lies after `to` and counts nothing.
      const clock = replayStoppedClock(history, calendar, {
        from: at('2026-02-01T00:00:00'),
        to: at('2026-02-24T12:00:00'),
      });
      expect(clock.stoppedWorkingDays).to.equal(5);
      expect(stoppedThrough(clock, at('2026-02-24T12:00:00'), calendar)).to.equal(5);
    });

    it('should give a running clock for a history that never stopped', () => {
      expect(replayStoppedClock([], calendar, { from: at('2026-02-01T00:00:00') })).to.deep.equal(
        RUNNING_CLOCK,
      );
      const running = [mark('2026-02-05T10:00:00', false), mark('2026-02-06T10:00:00', false)];
      expect(replayStoppedClock(running, calendar, { from: at('2026-02-01T00:00:00') })).to.deep.equal(
        RUNNING_CLOCK,
      );
    });

    it('should give the same account as the events applied one by one', () => {
      let clock = RUNNING_CLOCK;
      for (const m of history) clock = advanceStoppedClock(clock, m.clockStopped, m.at, calendar);
      expect(replayStoppedClock(history, calendar, { from: history[0]!.at })).to.deep.equal(clock);
    });
  });
});
