import type { AnyMachineSnapshot } from 'xstate';
import type { WorkingCalendar } from '../calendar/index.ts';
import { advanceStoppedClock } from '../timing/stopped-clock.ts';
import { clockStopped, persistSnapshot, statusOf } from './machine-state.ts';
import type { ApplicationRecord } from './records.ts';
import type { MachineEvent, WorkflowDefinition } from './workflow.ts';

/** The case row after the event: status, milestones, the limit and the running account of the stopped clock. */
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
  if (!next.acceptedAt) return next;

  // The case clock runs from acceptance; intake waits before it never count (docs/domain.md).
  const stopped = clockStopped(after) && !concluded;
  const clock = advanceStoppedClock(next, stopped, at, calendar);
  next.clockStoppedSince = clock.clockStoppedSince;
  next.stoppedWorkingDays = clock.stoppedWorkingDays;
  next.limitWorkingDays = def.limitWorkingDays(after.context);
  if (next.limitWorkingDays !== null) {
    next.dueAt = calendar
      .dueAt(next.acceptedAt, next.limitWorkingDays + next.stoppedWorkingDays)
      .toISOString();
  }
  return next;
}
