import { shanghaiMonth, type WorkingCalendar } from '../calendar/index.ts';
import type { ApplicationRecord, AuditRecord, TimingAccounts } from '../engine/records.ts';
import { computeCaseTiming, storedCaseTiming, type CaseTiming } from './case-timing.ts';

/** Statuses that are a decision after acceptance: the cases approval-time metrics count (docs/api.md). */
export const DECIDED_STATUSES: readonly string[] = ['approved', 'denied', 'concluded'];

/** The columns stored on a decided case, so that metrics never replay audit logs. */
export interface StoredCaseFigures {
  working_days: number | null;
  net_working_days: number | null;
  /** Of the stopped days, those a special procedure held the clock (docs/api.md "How time is counted"). */
  special_working_days: number | null;
  on_time: boolean | null;
  concluded_month: string | null;
  timing_provisional: boolean;
}

/**
 * The figures of a concluded case, computed by the one timing function from its whole audit log. Cases that
 * ended without a decision (withdrawn, refused) keep their month but no duration: metrics do not count them.
 */
export function storedCaseFigures(
  app: ApplicationRecord,
  history: readonly AuditRecord[],
  acceptanceEvents: readonly string[],
  calendar: WorkingCalendar,
): StoredCaseFigures {
  return figuresOf(app, () =>
    computeCaseTiming({
      app,
      history,
      acceptanceEvents,
      limitWorkingDays: app.limitWorkingDays,
      calendar,
      now: new Date(app.concludedAt!),
    }),
  );
}

/** The same figures from the case row's timing accounts, as the concluding event left them: no audit read. */
export function keptCaseFigures(
  app: ApplicationRecord,
  accounts: TimingAccounts,
  calendar: WorkingCalendar,
): StoredCaseFigures {
  return figuresOf(app, () =>
    storedCaseTiming({
      app,
      accounts,
      limitWorkingDays: app.limitWorkingDays,
      calendar,
      now: new Date(app.concludedAt!),
    }),
  );
}

function figuresOf(app: ApplicationRecord, timingOf: () => CaseTiming): StoredCaseFigures {
  const month = app.concludedAt ? shanghaiMonth(app.concludedAt) : null;
  if (!app.concludedAt || !DECIDED_STATUSES.includes(app.status)) {
    return {
      working_days: null,
      net_working_days: null,
      special_working_days: null,
      on_time: null,
      concluded_month: month,
      timing_provisional: false,
    };
  }
  const timing = timingOf();
  return {
    working_days: timing.workingDays,
    net_working_days: timing.netWorkingDays,
    special_working_days: timing.specialProcedureWorkingDays,
    on_time: timing.onTime,
    concluded_month: month,
    timing_provisional: timing.provisional === true,
  };
}
