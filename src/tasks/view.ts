import type { TaskRecord } from '../engine/records.ts';
import type { HttpContext } from '../http/context.ts';
import { computeTaskTiming, isTaskOverdue } from '../timing/case-timing.ts';

/** A task as the inbox and the case page show it. */
export function taskView(task: TaskRecord, ctx: Pick<HttpContext, 'calendar'>, now: Date) {
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
    overdue: isTaskOverdue(task, now),
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
