import type { Actor, ApplicationRecord } from './records.ts';
import type { EventStore } from '../db/index.ts';
import { FRESH_TIMING_ACCOUNTS, timingAccountsRow } from '../timing/timing-accounts.ts';
import type { MachineEvent } from './workflow.ts';

/** The rows the engine writes for a case and its audit log, from the records it computes. */

/** What the audit log keeps of an event's data: the caller's, plus what the engine fixed on the case with it. */
export function auditData(event: MachineEvent): unknown {
  if (!event.requiredInspections) return event.data ?? null;
  return {
    ...event.data,
    checklistVersion: event.checklistVersion,
    requiredInspections: event.requiredInspections,
  };
}

/** The columns an event changes. Project and form change only in a draft (`patchDraft`), never on an event. */
export function applicationRow(app: ApplicationRecord, forUpdate = false): Record<string, unknown> {
  const row: Record<string, unknown> = {
    snapshot: JSON.stringify(app.snapshot),
    state: JSON.stringify(app.state),
    version: app.version,
    last_hash: app.lastHash,
    updated_at: app.updatedAt,
    ...standingColumns(app),
  };
  if (forUpdate) return row;
  return {
    ...row,
    ...contentRow(app),
    id: app.id,
    workflow_id: app.workflowId,
    workflow_version: app.workflowVersion,
    applicant: app.applicant,
    created_by: app.createdBy,
    created_at: app.createdAt,
  };
}

/**
 * The columns an event changes, leaving out those it left as they were. SQLite rewrites the entry of every
 * index on a column an UPDATE sets, even to the value it had, and a case's dates, status and deadline sit in
 * ten indexes that most events do not move.
 */
export function changedApplicationRow(
  before: ApplicationRecord,
  after: ApplicationRecord,
): Record<string, unknown> {
  const row: Record<string, unknown> = {
    snapshot: JSON.stringify(after.snapshot),
    state: JSON.stringify(after.state),
    version: after.version,
    last_hash: after.lastHash,
    updated_at: after.updatedAt,
  };
  const was = standingColumns(before);
  const now = standingColumns(after);
  for (const column of Object.keys(now)) if (now[column] !== was[column]) row[column] = now[column];
  return row;
}

/** Where a case stands besides its machine state: status, dates, deadline and the accounts of its clock. */
function standingColumns(app: ApplicationRecord): Record<string, unknown> {
  const row: Record<string, unknown> = {
    status: app.status,
    submitted_at: app.submittedAt,
    accepted_at: app.acceptedAt,
    concluded_at: app.concludedAt,
    limit_working_days: app.limitWorkingDays,
    clock_stopped_since: app.clockStoppedSince,
    stopped_working_days: app.stoppedWorkingDays,
    due_at: app.dueAt,
  };
  // A case from before migration 022 keeps null accounts until its history is replayed once.
  if (app.timingAccounts !== null)
    Object.assign(row, timingAccountsRow(app.timingAccounts ?? FRESH_TIMING_ACCOUNTS));
  return row;
}

/**
 * The project and form columns, written on creation and by a draft's patch, with the project's name and code
 * as columns of their own so that the case list searches an index, not JSON.
 */
export function contentRow(app: ApplicationRecord): Record<string, unknown> {
  const { name, code } = app.project as { name?: unknown; code?: unknown };
  return {
    project: JSON.stringify(app.project),
    form: JSON.stringify(app.form),
    project_name: typeof name === 'string' ? name : null,
    project_code: typeof code === 'string' ? code : null,
  };
}

/** Appends one audit record with its place in the hash chain. */
export async function insertAudit(
  store: EventStore,
  audit: {
    applicationId: string;
    seq: number;
    at: string;
    type: string;
    actor: Actor;
    onBehalfOf: string | null;
    from: unknown;
    to: unknown;
    comment: string | null;
    data: unknown;
  },
  prevHash: string,
  hash: string,
  status: string,
  stopped: boolean,
  special = false,
): Promise<void> {
  await store.insertAudit({
    application_id: audit.applicationId,
    seq: audit.seq,
    at: audit.at,
    type: audit.type,
    actor_sub: audit.actor.sub,
    actor_role: audit.actor.role,
    actor_org: audit.actor.org,
    actor_name: audit.actor.name ?? null,
    on_behalf_of: audit.onBehalfOf,
    from_state: audit.from === null ? null : JSON.stringify(audit.from),
    to_state: JSON.stringify(audit.to),
    status_after: status,
    clock_stopped: stopped,
    clock_special: special,
    comment: audit.comment,
    data: audit.data === null ? null : JSON.stringify(audit.data),
    prev_hash: prevHash,
    hash,
  });
}
