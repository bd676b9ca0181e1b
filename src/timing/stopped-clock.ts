/**
 * The stopped clock (docs/api.md "How time is counted"): while the case waits for the applicant, or for a special
 * procedure, its working days do not count. One pure reducer keeps the account for the case row and each open
 * task as events arrive, and the same reducer replays an audit log for the figures and their recomputation,
 * so that the running account and the figures cannot disagree. A special procedure (an expert review,
 * Administrative Licensing Law art. 45) stops the clock too; the same reducer keeps its working days apart, as a
 * part of the stopped ones.
 */
import type { WorkingCalendar } from '../calendar/index.ts';

/** The running account of the stopped clock, as the case and task rows keep it. */
export interface StoppedClock {
  /** When the clock stopped, or null while it runs. */
  readonly clockStoppedSince: string | null;
  /** Working days the clock stood still in the stops that have ended. */
  readonly stoppedWorkingDays: number;
  /** When a special procedure began to hold the clock, or null (absent: none kept, as on the case row). */
  readonly specialStoppedSince?: string | null;
  /** Of `stoppedWorkingDays`, those a special procedure held the clock (absent: none kept). */
  readonly specialWorkingDays?: number;
}

/** A clock that has never stopped (no special account kept until a special procedure comes). */
export const RUNNING_CLOCK: StoppedClock = { clockStoppedSince: null, stoppedWorkingDays: 0 };

/**
 * What each audit record says about the clock: whether it was stopped after the event at `at`, and whether a
 * special procedure was running then (absent on records from before special procedures were kept).
 */
export interface ClockMark {
  readonly at: string;
  readonly clockStopped: boolean;
  readonly clockSpecial?: boolean;
}

/**
 * The account once the clock is found `stopped` (or running) at `at`, and `special` when a special procedure
 * holds it (which stops it too): a stop that ends adds the working days from its start to `at`; a stop that
 * begins records `at`; otherwise nothing changes. The special account follows the same rule on its own.
 */
export function advanceStoppedClock(
  clock: StoppedClock,
  stopped: boolean,
  at: string,
  calendar: WorkingCalendar,
  special = false,
): StoppedClock {
  const [since, days] = advance(clock.clockStoppedSince, clock.stoppedWorkingDays, stopped || special);
  const specialSince = clock.specialStoppedSince ?? null;
  const specialDays = clock.specialWorkingDays ?? 0;
  const [nextSpecialSince, nextSpecialDays] = advance(specialSince, specialDays, special);
  const specialSame = nextSpecialSince === specialSince && nextSpecialDays === specialDays;
  if (since === clock.clockStoppedSince && days === clock.stoppedWorkingDays && specialSame) return clock;
  const next: StoppedClock = { clockStoppedSince: since, stoppedWorkingDays: days };
  // A clock that never kept a special account keeps none until a special procedure comes.
  if (specialSame && clock.specialStoppedSince === undefined && clock.specialWorkingDays === undefined)
    return next;
  return { ...next, specialStoppedSince: nextSpecialSince, specialWorkingDays: nextSpecialDays };

  function advance(from: string | null, counted: number, now: boolean): [string | null, number] {
    if (from !== null && !now) return [null, counted + calendar.elapsed(from, at)];
    if (from === null && now) return [at, counted];
    return [from, counted];
  }
}

/** Working days stopped up to `end`, counting a stop still running as if it ended then. */
export function stoppedThrough(clock: StoppedClock, end: string, calendar: WorkingCalendar): number {
  const since = clock.clockStoppedSince;
  return clock.stoppedWorkingDays + (since !== null ? calendar.elapsed(since, end) : 0);
}

/** Working days a special procedure held the clock up to `end`, counting one still running as if it ended then. */
export function specialThrough(clock: StoppedClock, end: string, calendar: WorkingCalendar): number {
  const since = clock.specialStoppedSince ?? null;
  return (clock.specialWorkingDays ?? 0) + (since !== null ? calendar.elapsed(since, end) : 0);
}

/**
 * The account replayed from audit records in `seq` order, counting only what falls within [from, to] (no upper
 * bound without `to`): each record's time is clamped into the span, so a stop that began before `from` counts
 * from `from`, one that ended after `to` up to `to`, and one wholly outside counts nothing. Instants compare as
 * the ISO strings the service stores.
 */
export function replayStoppedClock(
  marks: Iterable<ClockMark>,
  calendar: WorkingCalendar,
  span: { from: string; to?: string },
): StoppedClock {
  const clamp = (at: string) => {
    const late = at < span.from ? span.from : at;
    return span.to !== undefined && late > span.to ? span.to : late;
  };
  let clock = RUNNING_CLOCK;
  for (const mark of marks) {
    clock = advanceStoppedClock(
      clock,
      mark.clockStopped,
      clamp(mark.at),
      calendar,
      mark.clockSpecial === true,
    );
  }
  return clock;
}
