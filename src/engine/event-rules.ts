import type { EventStore } from '../db/index.ts';
import type { ApplicationRecord } from './records.ts';
import type { MachineEvent } from './workflow.ts';

/**
 * Rules an event must meet that live outside the machine and the event's own content (the materials a case
 * has handed in): a port the service wires, so that the engine stays generic. They run for events sent live
 * (`Engine.send`), after the content checks and before the machine is asked, through the store of the event's
 * transaction (a group commit's, or Knex's with the case locked); the import and the scheduler's timers do not
 * go through them.
 */
export interface EventRules {
  /** The event types the rules look at. */
  readonly eventTypes: ReadonlySet<string>;
  /**
   * Refuses the event with a domain error, or answers what to add to its data (the audit record keeps it). Rows
   * written through `store` commit with the event, or roll back with it.
   */
  check(
    store: EventStore,
    app: ApplicationRecord,
    event: MachineEvent,
  ): Promise<Record<string, unknown> | undefined>;
}
