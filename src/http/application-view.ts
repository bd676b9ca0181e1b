import { allowedEvents } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { toAudit, toTask, type ApplicationRecord, type TaskRecord } from '../engine/records.ts';
import { computeCaseTiming, computeTaskTiming, isTaskOverdue } from '../timing/case-timing.ts';
import { usccWarnings } from '../validation/index.ts';
import type { HttpContext } from './context.ts';

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

/** The case in a list: enough to choose one, without its history. */
export function applicationSummary(app: ApplicationRecord) {
  return {
    id: app.id,
    workflow: app.workflowId,
    workflowVersion: app.workflowVersion,
    applicant: app.applicant,
    project: app.project,
    state: app.state,
    status: app.status,
    version: app.version,
    createdAt: app.createdAt,
    updatedAt: app.updatedAt,
    submittedAt: app.submittedAt,
    acceptedAt: app.acceptedAt,
    concludedAt: app.concludedAt,
    dueAt: app.dueAt,
  };
}

/** The case page of API.md: state, tasks, what this caller may do now, and the timing figures. */
export async function applicationView(ctx: HttpContext, app: ApplicationRecord, principal: Principal) {
  const def = ctx.registry.get(app.workflowId, app.workflowVersion);
  const snapshot = ctx.engine.snapshotOf(app);
  const now = ctx.clock.now();
  const [taskRows, auditRows] = await Promise.all([
    ctx.db.knex('tasks').where({ application_id: app.id }).orderBy('id'),
    ctx.db.knex('audit_events').where({ application_id: app.id }).orderBy('seq'),
  ]);
  const timing = computeCaseTiming({
    app,
    history: auditRows.map((r) => toAudit(r, ctx.db.dialect)),
    acceptanceEvents: def.acceptanceEvents,
    limitWorkingDays: app.acceptedAt || app.submittedAt ? def.limitWorkingDays(snapshot.context) : null,
    calendar: ctx.calendar,
    now,
  });
  const warnings = [...usccWarnings({ applicant: app.applicant }), ...usccWarnings(app.form, '/form')];
  return {
    ...applicationSummary(app),
    form: app.form,
    acceptedAt: timing.acceptedAt ?? app.acceptedAt,
    acceptanceDeemed: timing.acceptanceDeemed,
    tasks: taskRows.map((r) => taskView(toTask(r, ctx.db.dialect), ctx, now)),
    // Fees, inspections and required inspections arrive with the checklist and completion acceptance.
    fees: [],
    inspections: [],
    requiredInspections: [],
    allowedEvents: allowedEvents(principal, def, snapshot, now.toISOString()),
    timing,
    ...(warnings.length ? { warnings } : {}),
  };
}
