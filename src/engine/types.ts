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
}

/** One event for one case. */
export interface SendInput {
  applicationId: string;
  event: EventInput;
  actor: Actor;
  onBehalfOf?: string | null;
  at?: Date;
}

/** The case after a committed event. */
export interface SendResult {
  application: ApplicationRecord;
  snapshot: AnyMachineSnapshot;
  seq: number;
}
