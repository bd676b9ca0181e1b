/**
 * The case row's timing accounts (migration 022): what the case's figures need besides the clock from
 * acceptance, kept by each event so that the case page computes its timing from the row, the calendar and the
 * time alone. The same reducer replays them from an audit log (a case from before the migration, a calendar
 * republished), so that the kept accounts and the replayed figures cannot disagree.
 */
import type { WorkingCalendar } from '../calendar/index.ts';
import type { ApplicationRecord, AuditRecord, ClockAccount, TimingAccounts } from '../engine/records.ts';
import { advanceStoppedClock, replayStoppedClock, type StoppedClock } from './stopped-clock.ts';

/** A clock that has never stopped, with its special part. */
const RUNNING: ClockAccount = {
  clockStoppedSince: null,
  stoppedWorkingDays: 0,
  specialStoppedSince: null,
  specialWorkingDays: 0,
};

/** The accounts of a case not yet submitted: nothing counted. */
export const FRESH_TIMING_ACCOUNTS: TimingAccounts = {
  firstResponseAt: null,
  specialStoppedSince: null,
  specialWorkingDays: 0,
  fromSubmission: RUNNING,
};

/**
 * Whether an event is the window's answer to a submission that art. 32 times: an acceptance, or the window's
 * request for a supplement.
 */
export function isWindowResponse(
  type: string,
  actorOrg: string | null | undefined,
  acceptanceEvents: readonly string[],
): boolean {
  return acceptanceEvents.includes(type) || (type === 'REQUEST_SUPPLEMENT' && actorOrg === 'window');
}

/** The reducer's account with its special part written out, as the row stores it. */
export function clockAccount(clock: StoppedClock): ClockAccount {
  return {
    clockStoppedSince: clock.clockStoppedSince,
    stoppedWorkingDays: clock.stoppedWorkingDays,
    specialStoppedSince: clock.specialStoppedSince ?? null,
    specialWorkingDays: clock.specialWorkingDays ?? 0,
  };
}

/**
 * The accounts of a submitted case after an event at `at`: the clock from submission moves like the one
 * from acceptance, and the first window response is kept once.
 */
export function nextTimingAccounts(
  accounts: TimingAccounts,
  step: { at: string; stopped: boolean; special: boolean; windowResponse: boolean },
  calendar: WorkingCalendar,
): TimingAccounts {
  const { at, stopped, special } = step;
  const fromSubmission = clockAccount(
    advanceStoppedClock(accounts.fromSubmission, stopped, at, calendar, special),
  );
  const firstResponseAt = accounts.firstResponseAt ?? (step.windowResponse ? at : null);
  return { ...accounts, firstResponseAt, fromSubmission };
}

/** The first window response after submission in a case's audit records. */
export function firstResponseIn(
  history: readonly AuditRecord[],
  submittedAt: string,
  acceptanceEvents: readonly string[],
): string | null {
  const response = history.find(
    (r) => r.at >= submittedAt && isWindowResponse(r.type, r.actor.org, acceptanceEvents),
  );
  return response?.at ?? null;
}

/**
 * The accounts replayed from a case's audit records in `seq` order, as the events would have kept them: for
 * a case from before migration 022, and after a calendar is republished.
 */
export function replayTimingAccounts(
  app: ApplicationRecord,
  history: readonly AuditRecord[],
  acceptanceEvents: readonly string[],
  calendar: WorkingCalendar,
): TimingAccounts {
  if (!app.submittedAt) return FRESH_TIMING_ACCOUNTS;
  const fromAcceptance = app.acceptedAt
    ? clockAccount(replayStoppedClock(history, calendar, { from: app.acceptedAt }))
    : RUNNING;
  return {
    firstResponseAt: firstResponseIn(history, app.submittedAt, acceptanceEvents),
    specialStoppedSince: fromAcceptance.specialStoppedSince,
    specialWorkingDays: fromAcceptance.specialWorkingDays,
    fromSubmission: clockAccount(replayStoppedClock(history, calendar, { from: app.submittedAt })),
  };
}

/** The columns of the case's timing accounts (migration 022). */
export function timingAccountsRow(accounts: TimingAccounts): Record<string, unknown> {
  const submission = accounts.fromSubmission;
  return {
    first_response_at: accounts.firstResponseAt,
    special_stopped_since: accounts.specialStoppedSince,
    special_stopped_days: accounts.specialWorkingDays,
    submission_stopped_since: submission.clockStoppedSince,
    submission_stopped_days: submission.stoppedWorkingDays,
    submission_special_since: submission.specialStoppedSince,
    submission_special_days: submission.specialWorkingDays,
  };
}
