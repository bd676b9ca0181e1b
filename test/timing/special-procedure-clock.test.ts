import { expect } from 'chai';
import { referenceCalendar } from '../../src/calendar/index.ts';
import {
  advanceStoppedClock,
  replayStoppedClock,
  RUNNING_CLOCK,
  specialThrough,
  stoppedThrough,
  type ClockMark,
} from '../../src/timing/stopped-clock.ts';

/**
 * The special-procedure account of the one stopped-clock reducer (an expert review, Administrative Licensing
 * Law art. 45). Counted by hand on the 2026 notice: Qingming 4–6 April off, Labour Day 1–5 May off, Saturday
 * 9 May worked.
 */
const calendar = referenceCalendar();
const at = (local: string) => new Date(`${local}+08:00`).toISOString();
const mark = (local: string, clockStopped: boolean, clockSpecial = false): ClockMark => ({
  at: at(local),
  clockStopped,
  clockSpecial,
});

describe('timing/stopped-clock special procedures', () => {
  it('should keep the special days as a part of the stopped days, and none for a clock that never had one', () => {
    const started = advanceStoppedClock(RUNNING_CLOCK, true, at('2026-04-01T10:00:00'), calendar, true);
    expect(started).to.deep.equal({
      clockStoppedSince: at('2026-04-01T10:00:00'),
      stoppedWorkingDays: 0,
      specialStoppedSince: at('2026-04-01T10:00:00'),
      specialWorkingDays: 0,
    });
    // 2, 3, 7, 8, 9, 10 April.
    const ended = advanceStoppedClock(started, false, at('2026-04-10T15:00:00'), calendar);
    expect(ended).to.deep.equal({
      clockStoppedSince: null,
      stoppedWorkingDays: 6,
      specialStoppedSince: null,
      specialWorkingDays: 6,
    });
    expect(advanceStoppedClock(RUNNING_CLOCK, true, at('2026-04-01T10:00:00'), calendar)).to.deep.equal({
      clockStoppedSince: at('2026-04-01T10:00:00'),
      stoppedWorkingDays: 0,
    });
  });

  it('should count a day on which the applicant and an expert review both stop the clock once, as special', () => {
    const marks = [
      mark('2026-03-30T10:00:00', false),
      // Expert review from Wednesday 1 April; the applicant is asked for papers on Thursday 9 April.
      mark('2026-04-01T10:00:00', true, true),
      mark('2026-04-09T10:00:00', true, true),
      // The opinion on Friday 10 April; the papers come on Tuesday 14 April.
      mark('2026-04-10T15:00:00', true, false),
      mark('2026-04-14T10:00:00', false, false),
    ];
    const clock = replayStoppedClock(marks, calendar, { from: at('2026-03-30T10:00:00') });
    // Stopped 2, 3, 7, 8, 9, 10, 13, 14 April = 8; of which the expert review 2, 3, 7–10 = 6; the applicant 2.
    expect([clock.stoppedWorkingDays, clock.specialWorkingDays]).to.deep.equal([8, 6]);
  });

  it('should count a special procedure still running up to the end, and clamp it to the span', () => {
    const marks = [mark('2026-04-28T10:00:00', true, true)];
    const clock = replayStoppedClock(marks, calendar, { from: at('2026-04-01T00:00:00') });
    // 29, 30 April; 6, 7, 8, 9 (worked Saturday) May.
    expect(stoppedThrough(clock, at('2026-05-09T12:00:00'), calendar)).to.equal(6);
    expect(specialThrough(clock, at('2026-05-09T12:00:00'), calendar)).to.equal(6);
    const clamped = replayStoppedClock(marks, calendar, {
      from: at('2026-04-01T00:00:00'),
      to: at('2026-04-30T23:00:00'),
    });
    expect(specialThrough(clamped, at('2026-04-30T23:00:00'), calendar)).to.equal(2);
  });
});
