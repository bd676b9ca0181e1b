import { allowedEvents, type CaseAccess } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import type { AnyMachineSnapshot } from 'xstate';
import { liaisonOf } from '../delegations/store.ts';
import type { ApplicationRecord, TaskRecord } from '../engine/records.ts';
import { toFee } from '../fees/view.ts';
import type { HttpContext } from '../http/context.ts';
import { toInspection } from '../inspections/view.ts';
import { caseMaterials } from '../materials/case-view.ts';
import { licencesOfApplication } from '../licences/store.ts';
import { carriedConditions } from '../experts/carried-conditions.ts';
import { reviewProgress } from '../experts/review-progress.ts';
import { formatYuan, sumYuan } from '../money/index.ts';
import { NO_NAMES, taskView, type Names } from '../tasks/index.ts';
import { namesFor } from '../directory/index.ts';
import { projectCodeWarnings } from '../projects/index.ts';
import { computeCaseTiming, storedCaseTiming, type CaseTiming } from '../timing/case-timing.ts';
import { usccWarnings } from '../validation/index.ts';
import { casePartsOf, historyOf } from './queries.ts';

/** The case in a list: enough to choose one, without its history; the enterprise by name when known. */
export function applicationSummary(app: ApplicationRecord, names: Names = NO_NAMES) {
  return {
    id: app.id,
    workflow: app.workflowId,
    workflowVersion: app.workflowVersion,
    applicant: app.applicant,
    applicantName: names.enterprises.get(app.applicant) ?? null,
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

/** The case page of docs/api.md: state, tasks, what this caller may do now, and the timing figures. */
export async function applicationView(
  ctx: HttpContext,
  app: ApplicationRecord,
  principal: Principal,
  access: CaseAccess = 'act',
) {
  const def = ctx.registry.get(app.workflowId, app.workflowVersion);
  const snapshot = ctx.engine.snapshotOf(app);
  const now = ctx.clock.now();
  const { tasks, feeRows, inspectionRows } = await casePartsOf(ctx.db, app.id);
  const fees = feeRows.map((r) => toFee(r, ctx.db.dialect));
  const inspections = inspectionRows.map(toInspection);
  const licences = (await licencesOfApplication(ctx.db, app.id)).map(({ number, type, status }) => ({
    number,
    type,
    status,
  }));
  const timing = await caseTimingOf(ctx, app, def.acceptanceEvents, {
    app,
    limitWorkingDays: app.acceptedAt || app.submittedAt ? def.limitWorkingDays(snapshot.context) : null,
    calendar: ctx.calendar,
    now,
  });
  const warnings = [
    ...usccWarnings({ applicant: app.applicant }),
    ...usccWarnings(app.form, '/form'),
    ...projectCodeWarnings(app.project),
  ];
  const materials = await caseMaterials(ctx.db, app);
  const liaison = await liaisonOf(ctx.db, app.applicant);
  const reviewConditions = await carriedConditions(ctx.db, app.project.code, app.id);
  const investmentReview = await reviewProgress(ctx, app);
  const names = await namesFor(ctx.db, {
    people: [...tasks.map((t) => t.claimedBy), liaison],
    enterprises: [app.applicant],
  });
  return {
    ...applicationSummary(app, names),
    form: app.form,
    acceptedAt: timing.acceptedAt ?? app.acceptedAt,
    acceptanceDeemed: timing.acceptanceDeemed,
    tasks: tasks.map((task) => taskView(task, ctx, now, names)),
    fees,
    inspections,
    requiredInspections: requiredInspectionsOf(snapshot.context, inspections),
    requiredMaterials: materials.items,
    ...(materials.onPaper ? { materialsOnPaper: true } : {}),
    licences,
    ...(investmentReview ? { investmentReview } : {}),
    ...(reviewConditions.length ? { reviewConditions } : {}),
    nextAction: nextActionFor(app, snapshot, fees, tasks),
    allowedEvents: allowedEvents(principal, def, snapshot, now.toISOString(), access),
    liaison,
    liaisonName: liaison ? (names.people.get(liaison) ?? null) : null,
    timing,
    ...caseDueProvisional(app, ctx),
    ...(warnings.length ? { warnings } : {}),
  };
}

/**
 * The case's figures from its row's accounts; a case from before they were kept (migration 022) replays its
 * history until a scheduler round has replayed it once.
 */
async function caseTimingOf(
  ctx: HttpContext,
  app: ApplicationRecord,
  acceptanceEvents: readonly string[],
  basis: Omit<Parameters<typeof storedCaseTiming>[0], 'accounts'>,
): Promise<CaseTiming> {
  if (app.timingAccounts) return storedCaseTiming({ ...basis, accounts: app.timingAccounts });
  const history = await historyOf(ctx.db, app.id);
  return computeCaseTiming({ ...basis, history, acceptanceEvents });
}

/**
 * The checklist inspections the case needs (fixed at acceptance) with where each stands: the latest
 * inspection of the item decides (`pending` until one is scheduled).
 */
function requiredInspectionsOf(context: unknown, inspections: ReturnType<typeof toInspection>[]) {
  const required = (context as { required?: Array<{ department: string; code: string }> }).required ?? [];
  return required.map(({ department, code }) => {
    const latest = inspections.filter((i) => i.code === code).pop();
    return { department, code, status: latest?.status ?? 'pending' };
  });
}

/** What the enterprise must do next, in one word and one sentence (zero trips: never leave it guessing). */
function nextActionFor(
  app: ApplicationRecord,
  snapshot: AnyMachineSnapshot,
  fees: ReturnType<typeof toFee>[],
  tasks: readonly TaskRecord[],
) {
  const unpaid = fees.filter((f) => f.status === 'assessed');
  if (snapshot.status !== 'active') return { action: 'nothing', detail: `the case is ${app.status}` };
  if (app.status === 'draft') return { action: 'submit', detail: 'complete the form and submit it' };
  if (app.status === 'suspended' || app.status === 'supplementing') {
    return {
      action: 'supplement',
      detail: 'send the papers asked for (see the history for the list), then SUPPLEMENT',
    };
  }
  if (snapshot.hasTag('clock:rectify')) {
    return { action: 'rectify', detail: 'rectify what the failed inspection found, then report RECTIFIED' };
  }
  if (unpaid.length) {
    const total = formatYuan(sumYuan(unpaid.map((f) => f.amount)));
    return { action: 'pay', detail: `pay ${unpaid.length} assessed fee(s), ¥${total} in all` };
  }
  // Whom the enterprise waits for: the window (intake, or issuing once every department is done) or them.
  const open = tasks.filter((task) => task.status === 'open');
  if (app.status === 'submitted' || (open.length && open.every((task) => task.department === 'window'))) {
    return { action: 'nothing', detail: 'the window is working on the case', waitingFor: 'window' };
  }
  return { action: 'nothing', detail: 'the departments are working on the case', waitingFor: 'departments' };
}

/**
 * Whether the case's deadline was counted on weekends alone in some year (no published calendar yet), and
 * which years: docs/api.md "How time is counted".
 */
export function caseDueProvisional(app: ApplicationRecord, ctx: Pick<HttpContext, 'calendar'>) {
  const from = app.acceptedAt ?? app.submittedAt;
  if (!app.dueAt || !from) return { dueProvisional: false };
  const years = ctx.calendar.unpublishedYears(from, app.dueAt);
  return years.length ? { dueProvisional: true, dueMissingCalendarYears: years } : { dueProvisional: false };
}
