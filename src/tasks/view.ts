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
    closedAt: task.closedAt,
    closedBy: task.closedByEvent,
    status: task.status,
    clockStopped: task.clockStoppedSince !== null,
    overdue: isTaskOverdue(task, now),
    timing: computeTaskTiming(task, ctx.calendar, now),
  };
}
