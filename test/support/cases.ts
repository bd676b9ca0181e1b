import type { StateValue } from 'xstate';
import type { ChainedRecord } from '../../src/engine/audit-chain.ts';
import type { SendResult } from '../../src/engine/types.ts';
import {
  SYSTEM_ACTOR,
  toApplication,
  toAudit,
  toTask,
  type Actor,
  type ApplicationRecord,
  type AuditRecord,
  type TaskRecord,
} from '../../src/engine/records.ts';
import { fireDueTimers, type TimerSweepResult } from '../../src/engine/timers.ts';
import type { EventInput } from '../../src/engine/workflow.ts';
import { copy, permitForm, permitProject } from '../fixtures/construction-permit.ts';
import { applicant, clerk, ENTERPRISE, type Harness } from './harness.ts';

/** Events the enterprise sends; everything else (but timers) comes from the clerk of the event's department. */
const APPLICANT_EVENTS = new Set(['SUBMIT', 'SUPPLEMENT', 'WITHDRAW']);

/** Who sends an event in real life: the enterprise, the clerk of its department, or the engine's timers. */
export function actorFor(event: EventInput, timerEvents: readonly string[] = []): Actor {
  if (timerEvents.includes(event.type)) return SYSTEM_ACTOR;
  if (APPLICANT_EVENTS.has(event.type)) return applicant;
  if (!event.department) throw new Error(`${event.type} needs the department of the clerk who sends it`);
  return clerk(event.department);
}

/**
 * Creates a construction-permit draft (the example's project and form, the latest version, unless told
 * otherwise); returns its id.
 */
export async function createPermit(
  h: Harness,
  content: { project?: Record<string, unknown>; form?: Record<string, unknown>; version?: number } = {},
): Promise<string> {
  const { application } = await h.engine.create({
    workflow: 'construction-permit',
    ...(content.version === undefined ? {} : { workflowVersion: content.version }),
    applicant: ENTERPRISE,
    project: content.project ?? copy(permitProject),
    form: content.form ?? copy(permitForm),
    actor: applicant,
  });
  return application.id;
}

/** Sends one event as the actor who would send it (override with `actor`). */
export function send(
  h: Harness,
  applicationId: string,
  event: EventInput,
  actor?: Actor,
): Promise<SendResult> {
  return h.engine.send({ applicationId, event, actor: actor ?? actorFor(event) });
}

/** Sends events in order, moving the clock forward `stepHours` before each one. */
export async function sendAll(
  h: Harness,
  applicationId: string,
  events: EventInput[],
  stepHours = 0,
): Promise<SendResult | undefined> {
  let last: SendResult | undefined;
  for (const event of events) {
    if (stepHours) h.clock.advance({ hours: stepHours });
    last = await send(h, applicationId, event);
  }
  return last;
}

export const window = (type: string, extra: Omit<EventInput, 'type' | 'department'> = {}): EventInput => ({
  type,
  department: 'window',
  ...extra,
});
export const dept = (
  type: string,
  department: string,
  extra: Omit<EventInput, 'type' | 'department'> = {},
): EventInput => ({ type, department, ...extra });

/** The applicant's submission; the engine takes the form from the stored draft. */
export const SUBMIT: EventInput = { type: 'SUBMIT' };
export const SUPPLEMENT: EventInput = { type: 'SUPPLEMENT' };
export const WITHDRAW: EventInput = { type: 'WITHDRAW' };
export const ACCEPT: EventInput = window('ACCEPT');
export const acceptWithDeficiencies = (pledgeDate: string, items = ['land-survey-report']): EventInput =>
  window('ACCEPT_WITH_DEFICIENCIES', { data: { items, pledgeDate } });
export const requestSupplement = (department: string): EventInput =>
  dept('REQUEST_SUPPLEMENT', department, { comment: `${department}: the stamped drawings are missing` });
export const approve = (department: string): EventInput => dept('APPROVE', department);
export const deny = (department: string): EventInput =>
  dept('DENY', department, { comment: `${department}: the design breaks the regulations` });

/** The stored case, which must exist. */
export async function loadCase(h: Harness, id: string): Promise<ApplicationRecord> {
  const app = await h.engine.load(id);
  if (!app) throw new Error(`no application ${id}`);
  return app;
}

export async function auditOf(h: Harness, id: string): Promise<AuditRecord[]> {
  const rows = await h.db.knex('audit_events').where({ application_id: id }).orderBy('seq');
  return rows.map((row) => toAudit(row, h.db.dialect));
}

/** The stored audit records as the hash chain covers them. */
export async function chainOf(
  h: Harness,
  id: string,
): Promise<Array<ChainedRecord & { prevHash: string; hash: string }>> {
  return (await auditOf(h, id)).map((a) => ({
    applicationId: id,
    seq: a.seq,
    at: a.at,
    type: a.type,
    actor: a.actor,
    onBehalfOf: a.onBehalfOf,
    from: a.from,
    to: a.to,
    comment: a.comment,
    data: a.data,
    prevHash: a.prevHash,
    hash: a.hash,
  }));
}

export async function tasksOf(h: Harness, id: string): Promise<TaskRecord[]> {
  const rows = await h.db.knex('tasks').where({ application_id: id }).orderBy('id');
  return rows.map((row) => toTask(row, h.db.dialect));
}

export const openTasks = async (h: Harness, id: string) =>
  (await tasksOf(h, id)).filter((t) => t.status === 'open');

export interface TimerRow {
  key: string;
  type: string;
  dueAt: string;
}

export async function timersOf(h: Harness, id: string): Promise<TimerRow[]> {
  const rows = await h.db.knex('timers').where({ application_id: id }).orderBy('id');
  return rows.map((row) => ({
    key: String(row.timer_key),
    type: h.db.dialect.readJson<{ type: string }>(row.event).type,
    dueAt: String(row.due_at),
  }));
}

export async function outboxOf(h: Harness, id: string) {
  const rows = await h.db.knex('outbox').where({ application_id: id }).orderBy('id');
  return rows.map((row) => ({
    type: String(row.type),
    payload: h.db.dialect.readJson<{
      applicationId: string;
      seq: number;
      event: string;
      status: string;
      params: unknown;
    }>(row.payload),
  }));
}

/** Rows in a table that belong to one case (for "nothing was written" checks). */
export async function countRows(h: Harness, table: string, id: string): Promise<number> {
  const [row] = await h.db.knex(table).where({ application_id: id }).count({ n: '*' });
  return Number(row!.n);
}

/** Everything an event could have written for a case, to compare before and after a refusal. */
export async function footprint(h: Harness, id: string) {
  const row = await h.db.knex('applications').where({ id }).first();
  return {
    application: toApplication(row, h.db.dialect),
    audit: await countRows(h, 'audit_events', id),
    tasks: await tasksOf(h, id),
    timers: await timersOf(h, id),
    outbox: await countRows(h, 'outbox', id),
  };
}

/**
 * Delivers a pending timer the way production does: moves the clock just past the timer row's due time and
 * runs the scheduler's sweep. Returns the sweep's result and the time its event is recorded at (its due time,
 * or the case's last event when that came later).
 */
export async function fireTimer(
  h: Harness,
  id: string,
  type: string,
): Promise<{ sweep: TimerSweepResult; at: Date; dueAt: string }> {
  const timer = (await timersOf(h, id)).find((t) => t.type === type);
  if (!timer) throw new Error(`no pending ${type} timer for ${id}`);
  const at = new Date(Date.parse(timer.dueAt) + 1);
  if (at > h.clock.now()) h.clock.set(at);
  const sweep = await fireDueTimers(h.db, h.engine);
  const recorded = (await auditOf(h, id)).at(-1)!;
  return { sweep, at: new Date(recorded.at), dueAt: timer.dueAt };
}

/** Leaf paths of a state value: `accepted.review.planning.review.reviewing`, … */
export function leaves(value: StateValue, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix + value];
  return Object.entries(value).flatMap(([key, child]) => leaves(child as StateValue, `${prefix}${key}.`));
}

/** Resolves with the engine's refusal of `promise`; fails the test if the engine took the event. */
export const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the engine to refuse the event');
    },
    (error: unknown) => error,
  );

/** The window's EXTEND by `workingDays`, with its reason. */
export const extend = (workingDays: number): EventInput =>
  window('EXTEND', { comment: 'the fire design needs an expert review', data: { workingDays } });

/** A local time in Shanghai (`2026-03-02T09:00:00`) as a Date. */
export const shanghai = (local: string) => new Date(`${local}+08:00`);

/** A submitted and accepted case with the example's form: five reviews open. Accepted an hour after submission. */
export async function acceptedPermit(
  h: Harness,
  form: Record<string, unknown> = copy(permitForm),
): Promise<string> {
  const id = await createPermit(h, { form });
  await send(h, id, SUBMIT);
  h.clock.advance({ hours: 1 });
  await send(h, id, ACCEPT);
  return id;
}
