import { shanghaiDay, type WorkingCalendar } from '../calendar/index.ts';
import type { ApplicationRecord, AuditRecord, TaskRecord, TimingAccounts } from '../engine/records.ts';
import { INTAKE_WORKING_DAYS } from './intake-limit.ts';
import { replayStoppedClock, specialThrough, stoppedThrough, type StoppedClock } from './stopped-clock.ts';
import { firstResponseIn } from './timing-accounts.ts';

/** How long a case took, as docs/api.md "How time is counted" defines every figure. */
export interface CaseTiming {
  calendarDays: number | null;
  workingDays: number | null;
  stoppedWorkingDays: number | null;
  /** Of the stopped days, those a special procedure (an expert review, art. 45) held the clock. */
  specialProcedureWorkingDays: number | null;
  /** The rest of the stopped days: the applicant's time (supplementing, rectifying, a suspension). */
  applicantWorkingDays: number | null;
  netWorkingDays: number | null;
  limitWorkingDays: number | null;
  onTime: boolean | null;
  /** The acceptance the figures count from: the window's, or the submission when acceptance is deemed. */
  acceptedAt: string | null;
  acceptanceDeemed: boolean;
  /** Present (true) when a year the figures needed has no published calendar: counted on weekends alone. */
  provisional?: true;
  missingCalendarYears?: number[];
}

/** A task's own figures: the same computation from its opening to its closing. */
export interface TaskTiming {
  workingDays: number;
  stoppedWorkingDays: number;
  /** Of the stopped days, those a special procedure held the task's clock. */
  specialProcedureWorkingDays: number;
  netWorkingDays: number;
  limitWorkingDays: number;
  onTime: boolean;
  overdue: boolean;
  provisional?: true;
}

/** What the timing of one case is computed from, besides its clock: docs/api.md "How time is counted". */
interface TimingBasis {
  app: ApplicationRecord;
  /** The statutory limit now (extension included). */
  limitWorkingDays: number | null;
  calendar: WorkingCalendar;
  now: Date;
}

/** What the timing of one case is computed from when its audit log is replayed. */
export interface CaseTimingInput extends TimingBasis {
  /** The case's audit records in `seq` order. */
  history: readonly AuditRecord[];
  /** Event types that are the window's acceptance. */
  acceptanceEvents: readonly string[];
}

/**
 * Computes the case's figures by replaying its audit log: the reference the row's accounts are held to, and
 * what a recomputation after a calendar is republished runs. One function with {@link storedCaseTiming}, so
 * that the detail view, the metrics and the reports can never disagree.
 */
export function computeCaseTiming(input: CaseTimingInput): CaseTiming {
  const { app, history, calendar } = input;
  const firstResponseAt = app.submittedAt
    ? firstResponseIn(history, app.submittedAt, input.acceptanceEvents)
    : null;
  return caseTiming(input, firstResponseAt, (from) => replayStoppedClock(history, calendar, { from }));
}

/**
 * The same figures from the case row's own accounts (kept by each event), the calendar and the time: no audit
 * read, so the case page does not grow with the history. The row must have its accounts (`timingAccounts`).
 */
export function storedCaseTiming(input: TimingBasis & { accounts: TimingAccounts }): CaseTiming {
  const { app, accounts } = input;
  return caseTiming(input, accounts.firstResponseAt, (_from, deemed) =>
    deemed
      ? accounts.fromSubmission
      : {
          clockStoppedSince: app.clockStoppedSince,
          stoppedWorkingDays: app.stoppedWorkingDays,
          specialStoppedSince: accounts.specialStoppedSince,
          specialWorkingDays: accounts.specialWorkingDays,
        },
  );
}

/**
 * The figures, given the window's first response after submission and the clock counted from the acceptance
 * the figures use (the submission itself when acceptance is deemed).
 */
function caseTiming(
  input: TimingBasis,
  firstResponseAt: string | null,
  clockFrom: (acceptedAt: string, deemed: boolean) => StoppedClock,
): CaseTiming {
  const { app, calendar } = input;
  const end = app.concludedAt ?? input.now.toISOString();
  const empty: CaseTiming = {
    calendarDays: null,
    workingDays: null,
    stoppedWorkingDays: null,
    specialProcedureWorkingDays: null,
    applicantWorkingDays: null,
    netWorkingDays: null,
    limitWorkingDays: input.limitWorkingDays,
    onTime: null,
    acceptedAt: null,
    acceptanceDeemed: false,
  };
  if (!app.submittedAt) return empty;

  const calendarDays = shanghaiDay(end) - shanghaiDay(app.submittedAt);
  const acceptance = deemedAcceptance(app, firstResponseAt ?? end, calendar);
  const timing: CaseTiming = { ...empty, calendarDays, ...acceptance };
  const missing = calendar.unpublishedYears(app.submittedAt, end);
  if (missing.length) Object.assign(timing, { provisional: true, missingCalendarYears: missing });
  if (!acceptance.acceptedAt) return timing;

  const workingDays = calendar.elapsed(acceptance.acceptedAt, end);
  // The case clock runs from acceptance: stops before it never count.
  const clock = clockFrom(acceptance.acceptedAt, acceptance.acceptanceDeemed);
  const stopped = stoppedThrough(clock, end, calendar);
  const special = specialThrough(clock, end, calendar);
  const net = workingDays - stopped;
  return {
    ...timing,
    workingDays,
    stoppedWorkingDays: stopped,
    specialProcedureWorkingDays: special,
    applicantWorkingDays: stopped - special,
    netWorkingDays: net,
    onTime: input.limitWorkingDays === null ? null : net <= input.limitWorkingDays,
  };
}

/**
 * The window's acceptance, or the submission itself when the window let more than {@link INTAKE_WORKING_DAYS}
 * working days pass before accepting or asking for a supplement (art. 32: the application then counts as
 * accepted when received); `answeredAt` is the window's first response, or the end while none came.
 */
function deemedAcceptance(
  app: ApplicationRecord,
  answeredAt: string,
  calendar: WorkingCalendar,
): { acceptedAt: string | null; acceptanceDeemed: boolean } {
  const submittedAt = app.submittedAt!;
  if (calendar.elapsed(submittedAt, answeredAt) > INTAKE_WORKING_DAYS)
    return { acceptedAt: submittedAt, acceptanceDeemed: true };
  return { acceptedAt: app.acceptedAt, acceptanceDeemed: false };
}

/** A task's figures from its row's running account of the stopped clock. */
export function computeTaskTiming(task: TaskRecord, calendar: WorkingCalendar, now: Date): TaskTiming {
  const end = task.closedAt ?? now.toISOString();
  const workingDays = calendar.elapsed(task.openedAt, end);
  const stopped = stoppedThrough(task, end, calendar);
  const net = workingDays - stopped;
  const timing: TaskTiming = {
    workingDays,
    stoppedWorkingDays: stopped,
    specialProcedureWorkingDays: specialThrough(task, end, calendar),
    netWorkingDays: net,
    limitWorkingDays: task.limitDays,
    onTime: net <= task.limitDays,
    overdue: isTaskOverdue(task, now),
  };
  if (task.dueProvisional || calendar.unpublishedYears(task.openedAt, end).length) timing.provisional = true;
  return timing;
}

/** Open, its clock running, and past the end of its due day. */
export function isTaskOverdue(task: TaskRecord, now: Date): boolean {
  return task.status === 'open' && task.clockStoppedSince === null && now.toISOString() > task.dueAt;
}
