/** What the engine takes and answers: a new case, one event for a case, and the case after it. */
import type { AnyMachineSnapshot } from 'xstate';
import type { EventStore } from '../db/index.ts';
import type { Actor, ApplicationRecord } from './records.ts';
import type { EventInput } from './workflow.ts';

/**
 * Work that must commit with an event or not at all (an idempotency key's completion), run inside the event's
 * transaction once the event is written; if it throws, the event is rolled back with it.
 */
export type AfterEvent = (store: EventStore, result: SendResult) => Promise<void>;

/** A new draft. */
export interface CreateInput {
  workflow: string;
  /** A registered older version (import of past cases); the latest when absent. */
  workflowVersion?: number;
  applicant: string;
  project: Record<string, unknown>;
  form: Record<string, unknown>;
  actor: Actor;
  onBehalfOf?: string | null;
  /** A historical time (import); defaults to the clock. */
  at?: Date;
  /** History replayed by the import: observers record it but tell nobody. */
  replayed?: boolean;
}

/** One event for one case. */
export interface SendInput {
  applicationId: string;
  event: EventInput;
  actor: Actor;
  onBehalfOf?: string | null;
  at?: Date;
  /** History replayed by the import: observers record it but tell nobody. */
  replayed?: boolean;
  /**
   * The caller's checks on the case as the event's own transaction reads it (null: no such case), before
   * anything else: a request's 404 and 403 then cost no read of their own. Returns the event to apply.
   */
  admit?: (store: EventStore, app: ApplicationRecord | null) => Promise<EventInput>;
}

/** The case after a committed event. */
export interface SendResult {
  application: ApplicationRecord;
  snapshot: AnyMachineSnapshot;
  seq: number;
}

/** What observers learn of each committed entry: the case after it, the event, and the states around it. */
export interface CommittedEvent {
  /** The case after the event (status, milestones, due date). */
  application: ApplicationRecord;
  /** The case's status before the event; null on creation. */
  previousStatus: string | null;
  /** `CREATE` on creation. */
  type: string;
  at: string;
  actor: Actor;
  onBehalfOf: string | null;
  comment: string | null;
  /** The event's data as recorded in the audit log. */
  data: Record<string, unknown> | null;
  seq: number;
  /** Past history replayed by the import, not something happening now. */
  replayed: boolean;
  before: AnyMachineSnapshot | null;
  after: AnyMachineSnapshot;
}

/**
 * Work that follows from an event and commits with it — a licence issued with the permit, the messages that
 * tell people of the step — run in the event's transaction after it is written, for every path an event takes
 * (a request, a timer, an import). Throwing rolls the event back.
 */
export type EventObserver = (store: EventStore, committed: CommittedEvent) => Promise<void>;
