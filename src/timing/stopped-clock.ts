/**
 * The stopped clock (docs/api.md "How time is counted"): while the case waits for the applicant, or for a special
 * procedure, its working days do not count. One pure reducer keeps the account for the case row and each open
 * task as events arrive, and the same reducer replays an audit log for the figures and their recomputation,
 * so that the running account and the figures cannot disagree.
 */
import type { WorkingCalendar } from '../calendar/index.ts';

/** The running account of the stopped clock, as the case and task rows keep it. */
export interface StoppedClock {
  /** When the clock stopped, or null while it runs. */
  readonly clockStoppedSince: string | null;
  /** Working days the clock stood still in the stops that have ended. */
  readonly stoppedWorkingDays: number;
}

/** A clock that has never stopped. */
export const RUNNING_CLOCK: StoppedClock = { clockStoppedSince: null, stoppedWorkingDays: 0 };

/** What each audit record says about the clock: whether it was stopped after the event at `at`. */
export interface ClockMark {
  readonly at: string;
  readonly clockStopped: boolean;
}

/**
 * The account once the clock is found `stopped` (or running) at `at`: a stop that ends adds the working days
 * from its start to `at`; a stop that begins records `at`; otherwise nothing changes.
 */
export function advanceStoppedClock(
  clock: StoppedClock,
  stopped: boolean,
  at: string,
  calendar: WorkingCalendar,
): StoppedClock {
  const since = clock.clockStoppedSince;
  if (since !== null && !stopped) {
    return {
      clockStoppedSince: null,
      stoppedWorkingDays: clock.stoppedWorkingDays + calendar.elapsed(since, at),
    };
  }
  if (since === null && stopped)
    return { clockStoppedSince: at, stoppedWorkingDays: clock.stoppedWorkingDays };
  return clock;
}

/** Working days stopped up to `end`, counting a stop still running as if it ended then. */
export function stoppedThrough(clock: StoppedClock, end: string, calendar: WorkingCalendar): number {
  const since = clock.clockStoppedSince;
  return clock.stoppedWorkingDays + (since !== null ? calendar.elapsed(since, end) : 0);
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
  for (const mark of marks) clock = advanceStoppedClock(clock, mark.clockStopped, clamp(mark.at), calendar);
  return clock;
}
