import type { EventStore } from '../db/index.ts';
import { ApplicationNotFoundError } from '../errors/index.ts';
import { appendToCase } from './append.ts';
import type { Clock } from './clock.ts';
import { toApplication, type Actor, type ApplicationRecord } from './records.ts';

/** A refused attempt, or another act that leaves the machine's state alone, to put on a case's record. */
export interface Attempt {
  applicationId: string;
  type: string;
  actor: Actor;
  /** The enterprise an agent acted for. */
  onBehalfOf?: string | null;
  data: unknown;
  comment?: string;
  /** A historical time (the import); defaults to the clock. */
  at?: Date;
}

/** What an act adds around its record, through the store of the record's transaction. */
export interface RecordSteps {
  /** Sees the case as it stands (locked where locks exist) before anything is written, and may refuse. */
  guard?(store: EventStore, app: ApplicationRecord): void | Promise<void>;
  /** Writes the act's own rows once the record is written (the case as it is after it), committed with it. */
  after?(store: EventStore, app: ApplicationRecord): void | Promise<void>;
}

/**
 * Puts a refused attempt (or another act that leaves the state alone) on the case's record through the store
 * of a transaction, without changing its state or its clock: `clockOf` says whether the case's clock is
 * stopped now, and held by a special procedure, which the record carries on.
 */
export async function recordWith(
  store: EventStore,
  clock: Clock,
  clockOf: (app: ApplicationRecord) => { clockStopped: boolean; clockSpecial: boolean },
  input: Attempt,
  steps: RecordSteps = {},
): Promise<ApplicationRecord> {
  const row = await store.application(input.applicationId);
  if (!row) throw new ApplicationNotFoundError(input.applicationId);
  const app = toApplication(row, store.dialect);
  // A refusal here (the case moved on meanwhile) writes nothing.
  await steps.guard?.(store, app);
  const at = (input.at ?? clock.now()).toISOString();
  const appended = await appendToCase(
    store,
    app,
    {
      at,
      type: input.type,
      actor: input.actor,
      onBehalfOf: input.onBehalfOf ?? null,
      from: app.state,
      to: app.state,
      comment: input.comment ?? null,
      data: input.data,
      status: app.status,
      ...clockOf(app),
    },
    () => ({}),
  );
  const after = { ...app, version: appended.seq, updatedAt: at, lastHash: appended.hash };
  await steps.after?.(store, after);
  return after;
}
