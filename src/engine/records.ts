import type { ColumnReader } from '../db/index.ts';

/** Roles of docs/api.md, plus `system` for what the engine's own timers do. */
export type Role = 'applicant' | 'agent' | 'clerk' | 'auditor' | 'admin' | 'expert' | 'system';

/** Who did something: the token's claims that the audit log keeps. */
export interface Actor {
  sub: string;
  role: Role;
  org: string | null;
  /** The person's name (the token's `name` claim), when the token gives one; kept since migration 013. */
  name?: string;
}

/** The engine's own identity, for events its timers fire. */
export const SYSTEM_ACTOR: Actor = { sub: 'zerotrip-scheduler', role: 'system', org: null };

/** An application as stored. */
export interface ApplicationRecord {
  id: string;
  workflowId: string;
  workflowVersion: number;
  applicant: string;
  createdBy: string;
  project: Record<string, unknown>;
  form: Record<string, unknown>;
  snapshot: unknown;
  state: unknown;
  status: string;
  version: number;
  lastHash: string;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  acceptedAt: string | null;
  concludedAt: string | null;
  limitWorkingDays: number | null;
  clockStoppedSince: string | null;
  stoppedWorkingDays: number;
  dueAt: string | null;
  /**
   * What the case's timing is computed from besides the columns above (migration 022), kept by each event:
   * absent on a case not yet stored (it starts fresh), null on a case from before the migration until its
   * history has been replayed once.
   */
  timingAccounts?: TimingAccounts | null;
}

/** A running account of the stopped clock with its special part, as the case row keeps it. */
export interface ClockAccount {
  clockStoppedSince: string | null;
  stoppedWorkingDays: number;
  specialStoppedSince: string | null;
  specialWorkingDays: number;
}

/**
 * The case row's timing accounts besides the clock from acceptance (`clockStoppedSince`,
 * `stoppedWorkingDays`): docs/api.md "How time is counted".
 */
export interface TimingAccounts {
  /** The window's first answer after submission (an acceptance, or its request for a supplement): art. 32. */
  firstResponseAt: string | null;
  /** The special-procedure part of the clock from acceptance. */
  specialStoppedSince: string | null;
  specialWorkingDays: number;
  /** The clock from submission, which the figures count from when acceptance is deemed. */
  fromSubmission: ClockAccount;
}

/** One audit record as the history route shows it. */
export interface AuditRecord {
  seq: number;
  at: string;
  type: string;
  actor: Actor;
  onBehalfOf: string | null;
  from: unknown;
  to: unknown;
  status: string | null;
  clockStopped: boolean;
  /** Whether a special procedure (an expert review) held the clock after the event. */
  clockSpecial: boolean;
  comment: string | null;
  data: unknown;
  prevHash: string;
  hash: string;
}

/** One task row. */
export interface TaskRecord {
  id: number;
  applicationId: string;
  node: string;
  department: string;
  action: string;
  limitDays: number;
  openedAt: string;
  dueAt: string;
  dueProvisional: boolean;
  closedAt: string | null;
  closedByEvent: string | null;
  status: 'open' | 'closed';
  clockStoppedSince: string | null;
  stoppedWorkingDays: number;
  /** The part of the stopped clock a special procedure holds (docs/api.md "How time is counted"). */
  specialStoppedSince: string | null;
  specialWorkingDays: number;
  /** The clerk (`sub`) working on the task, and since when; null while nobody has claimed it. */
  claimedBy: string | null;
  claimedAt: string | null;
}

type Row = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** Maps an `applications` row. */
export function toApplication(row: Row, dialect: ColumnReader): ApplicationRecord {
  return {
    id: String(row.id),
    workflowId: String(row.workflow_id),
    workflowVersion: Number(row.workflow_version),
    applicant: String(row.applicant),
    createdBy: String(row.created_by),
    project: dialect.readJson(row.project),
    form: dialect.readJson(row.form),
    snapshot: dialect.readJson(row.snapshot),
    state: dialect.readJson(row.state),
    status: String(row.status),
    version: Number(row.version),
    lastHash: String(row.last_hash),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
    submittedAt: str(row.submitted_at),
    acceptedAt: str(row.accepted_at),
    concludedAt: str(row.concluded_at),
    limitWorkingDays: row.limit_working_days === null ? null : Number(row.limit_working_days),
    clockStoppedSince: str(row.clock_stopped_since),
    stoppedWorkingDays: Number(row.stopped_working_days ?? 0),
    dueAt: str(row.due_at),
    timingAccounts: toTimingAccounts(row),
  };
}

/** The timing accounts of an `applications` row; null when the row has none yet (see `timingAccounts`). */
function toTimingAccounts(row: Row): TimingAccounts | null {
  if (row.submission_stopped_days === null || row.submission_stopped_days === undefined) return null;
  return {
    firstResponseAt: str(row.first_response_at),
    specialStoppedSince: str(row.special_stopped_since),
    specialWorkingDays: Number(row.special_stopped_days ?? 0),
    fromSubmission: {
      clockStoppedSince: str(row.submission_stopped_since),
      stoppedWorkingDays: Number(row.submission_stopped_days),
      specialStoppedSince: str(row.submission_special_since),
      specialWorkingDays: Number(row.submission_special_days ?? 0),
    },
  };
}

/** Maps an `audit_events` row. */
export function toAudit(row: Row, dialect: ColumnReader): AuditRecord {
  return {
    seq: Number(row.seq),
    at: String(row.at),
    type: String(row.type),
    // No `name` key at all without a name: the hash of a record written before names were kept stays the same.
    actor: {
      sub: String(row.actor_sub),
      role: row.actor_role as Role,
      org: str(row.actor_org),
      ...(row.actor_name ? { name: String(row.actor_name) } : {}),
    },
    onBehalfOf: str(row.on_behalf_of),
    from: dialect.readJson(row.from_state),
    to: dialect.readJson(row.to_state),
    status: str(row.status_after),
    clockStopped: dialect.readBool(row.clock_stopped),
    clockSpecial: dialect.readBool(row.clock_special ?? false),
    comment: str(row.comment),
    data: dialect.readJson(row.data),
    prevHash: String(row.prev_hash),
    hash: String(row.hash),
  };
}

/** Maps a `tasks` row. */
export function toTask(row: Row, dialect: ColumnReader): TaskRecord {
  return {
    id: Number(row.id),
    applicationId: String(row.application_id),
    node: String(row.node),
    department: String(row.department),
    action: String(row.action),
    limitDays: Number(row.limit_days),
    openedAt: String(row.opened_at),
    dueAt: String(row.due_at),
    dueProvisional: dialect.readBool(row.due_provisional),
    closedAt: str(row.closed_at),
    closedByEvent: str(row.closed_by_event),
    status: row.status as 'open' | 'closed',
    clockStoppedSince: str(row.clock_stopped_since),
    stoppedWorkingDays: Number(row.stopped_working_days ?? 0),
    specialStoppedSince: str(row.special_stopped_since),
    specialWorkingDays: Number(row.special_working_days ?? 0),
    claimedBy: str(row.claimed_by),
    claimedAt: str(row.claimed_at),
  };
}
