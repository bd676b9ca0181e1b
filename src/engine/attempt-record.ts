import type { Knex } from 'knex';
import type { Database } from '../db/index.ts';
import { appendToCase } from './append.ts';
import type { Clock } from './clock.ts';
import { lockedCase } from './locked-case.ts';
import type { Actor, ApplicationRecord } from './records.ts';

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

/**
 * Puts a refused attempt (or another act that leaves the state alone) on the case's record inside the caller's
 * transaction, without changing its state or its clock: `clockOf` says whether the case's clock is stopped
 * now, and held by a special procedure, which the record carries on. `guard` sees the locked case first and
 * may refuse.
 */
export async function recordAttemptIn(
  db: Database,
  trx: Knex.Transaction,
  clock: Clock,
  clockOf: (app: ApplicationRecord) => { clockStopped: boolean; clockSpecial: boolean },
  input: Attempt,
  guard?: (app: ApplicationRecord) => void | Promise<void>,
): Promise<ApplicationRecord> {
  const { app, store } = await lockedCase(db, trx, input.applicationId);
  // With the case locked: a refusal here (the case moved on meanwhile) writes nothing.
  await guard?.(app);
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
  return { ...app, version: appended.seq, updatedAt: at, lastHash: appended.hash };
}
