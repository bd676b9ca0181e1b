import type { AnyMachineSnapshot } from 'xstate';
import type { WorkingCalendar } from '../calendar/index.ts';
import { advanceStoppedClock } from '../timing/stopped-clock.ts';
import { FRESH_TIMING_ACCOUNTS, isWindowResponse, nextTimingAccounts } from '../timing/timing-accounts.ts';
import { clockStopped, persistSnapshot, specialProcedureRunning, statusOf } from './machine-state.ts';
import type { ApplicationRecord } from './records.ts';
import type { MachineEvent, WorkflowDefinition } from './workflow.ts';

/**
 * The case row after the event: status, milestones, the limit, the running account of the stopped clock and
 * the timing accounts the case page computes its figures from.
 */
export function nextRecord(
  def: WorkflowDefinition,
  app: ApplicationRecord,
  event: MachineEvent,
  after: AnyMachineSnapshot,
  calendar: WorkingCalendar,
): ApplicationRecord {
  const at = event.at;
  const next: ApplicationRecord = {
    ...app,
    snapshot: persistSnapshot(def.machine, after),
    state: after.value,
    status: statusOf(after),
    version: app.version + 1,
    updatedAt: at,
  };
  if (!next.submittedAt && def.submitEvents.includes(event.type)) next.submittedAt = at;
  if (!next.acceptedAt && def.acceptanceEvents.includes(event.type)) next.acceptedAt = at;
  const concluded = after.status === 'done';
  if (concluded) next.concludedAt = at;
  const stopped = clockStopped(after) && !concluded;
  const special = specialProcedureRunning(after) && !concluded;
  // A case from before migration 022 (null) keeps none until its history is replayed once.
  const accounts = app.timingAccounts === undefined ? FRESH_TIMING_ACCOUNTS : app.timingAccounts;
  if (accounts && next.submittedAt) {
    const windowResponse = isWindowResponse(event.type, event.actor?.org, def.acceptanceEvents);
    next.timingAccounts = nextTimingAccounts(accounts, { at, stopped, special, windowResponse }, calendar);
  }
  if (!next.acceptedAt) return next;

  // The case clock runs from acceptance; intake waits before it never count (docs/domain.md).
  const kept = next.timingAccounts;
  const clock = advanceStoppedClock(
    {
      clockStoppedSince: next.clockStoppedSince,
      stoppedWorkingDays: next.stoppedWorkingDays,
      specialStoppedSince: kept?.specialStoppedSince ?? null,
      specialWorkingDays: kept?.specialWorkingDays ?? 0,
    },
    stopped,
    at,
    calendar,
    special,
  );
  next.clockStoppedSince = clock.clockStoppedSince;
  next.stoppedWorkingDays = clock.stoppedWorkingDays;
  if (kept) {
    next.timingAccounts = {
      ...kept,
      specialStoppedSince: clock.specialStoppedSince ?? null,
      specialWorkingDays: clock.specialWorkingDays ?? 0,
    };
  }
  next.limitWorkingDays = def.limitWorkingDays(after.context);
  if (next.limitWorkingDays !== null) {
    next.dueAt = calendar
      .dueAt(next.acceptedAt, next.limitWorkingDays + next.stoppedWorkingDays)
      .toISOString();
  }
  return next;
}
