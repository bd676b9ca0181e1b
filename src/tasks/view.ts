import type { WorkingCalendar } from '../calendar/index.ts';
import type { TaskRecord } from '../engine/records.ts';
import type { HttpContext } from '../http/context.ts';
import { computeTaskTiming, isTaskOverdue } from '../timing/case-timing.ts';
import type { InboxTask } from './queries.ts';

/** Working days ahead within which an open task counts as due soon (amber in the inbox). */
export const SOON_WORKING_DAYS = 2;

/**
 * How pressing a task is: `overdue` (clock running, past due), `soon` (clock running, due by the end of the
 * second working day from today), `stopped` (its clock stands still), `normal`; closed tasks are `closed`.
 */
export type TaskUrgency = 'overdue' | 'soon' | 'normal' | 'stopped' | 'closed';

/** The last instant a task may be due and still count as due soon. */
export function soonUntil(calendar: WorkingCalendar, now: Date): Date {
  return calendar.dueAt(now, SOON_WORKING_DAYS);
}

/** The urgency of a task now (the inbox's `urgency` filter says the same in SQL, `tasks/queries.ts`). */
export function taskUrgency(task: TaskRecord, calendar: WorkingCalendar, now: Date): TaskUrgency {
  if (task.status === 'closed') return 'closed';
  if (task.clockStoppedSince !== null) return 'stopped';
  if (isTaskOverdue(task, now)) return 'overdue';
  return task.dueAt <= soonUntil(calendar, now).toISOString() ? 'soon' : 'normal';
}

/** The names a view shows instead of codes: people by `sub`, enterprises by USCC. */
export interface Names {
  people: ReadonlyMap<string, string>;
  enterprises: ReadonlyMap<string, string>;
}

/** No names known: codes only. */
export const NO_NAMES: Names = { people: new Map(), enterprises: new Map() };

/** A task as the inbox and the case page show it; inbox rows carry their case's project and enterprise too. */
export function taskView(
  task: TaskRecord | InboxTask,
  ctx: Pick<HttpContext, 'calendar'>,
  now: Date,
  names: Names = NO_NAMES,
) {
  const inboxRow =
    'projectName' in task
      ? {
          workflow: task.workflowId,
          applicant: task.applicant,
          applicantName: names.enterprises.get(task.applicant) ?? null,
          projectName: task.projectName,
          projectCode: task.projectCode,
        }
      : {};
  return {
    id: task.id,
    applicationId: task.applicationId,
    department: task.department,
    step: task.action,
    node: task.node,
    openedAt: task.openedAt,
    dueAt: task.dueAt,
    ...dueProvisionalOf(task, ctx),
    closedAt: task.closedAt,
    closedBy: task.closedByEvent,
    status: task.status,
    clockStopped: task.clockStoppedSince !== null,
    clockSpecial: task.specialStoppedSince !== null,
    overdue: isTaskOverdue(task, now),
    urgency: taskUrgency(task, ctx.calendar, now),
    claimedBy: task.claimedBy
      ? { sub: task.claimedBy, name: names.people.get(task.claimedBy) ?? null, at: task.claimedAt }
      : null,
    ...inboxRow,
    timing: computeTaskTiming(task, ctx.calendar, now),
  };
}

/**
 * Whether the task's deadline was counted on weekends alone (a year on the way has no published calendar),
 * and which years: the console says "暂按周末推算" with the reason wherever the date appears.
 */
function dueProvisionalOf(task: TaskRecord, ctx: Pick<HttpContext, 'calendar'>) {
  const years = ctx.calendar.unpublishedYears(task.openedAt, task.dueAt);
  return task.dueProvisional || years.length
    ? { dueProvisional: true, dueMissingCalendarYears: years }
    : { dueProvisional: false };
}
