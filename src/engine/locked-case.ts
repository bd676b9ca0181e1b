import type { Knex } from 'knex';
import { type Database, type EventStore, knexEventStore } from '../db/index.ts';
import { ApplicationNotFoundError } from '../errors/index.ts';
import { toApplication, type ApplicationRecord } from './records.ts';

/**
 * Takes the case's row lock for the rest of the transaction, so that writers of one case queue behind each
 * other instead of failing the optimistic lock (PostgreSQL; SQLite has a single writer anyway). The version
 * check stays: instances of an older release, during a rolling upgrade, write without the lock.
 */
export async function lockCase(db: Database, trx: Knex.Transaction, id: string): Promise<void> {
  await db.dialect.lockForUpdate(trx('applications').where({ id }).select('id'));
}

/** Locks a case (see {@link lockCase}) and reads it, with the store to append to it through. */
export async function lockedCase(
  db: Database,
  trx: Knex.Transaction,
  id: string,
): Promise<{ app: ApplicationRecord; store: EventStore }> {
  await lockCase(db, trx, id);
  const row = await trx('applications').where({ id }).first();
  if (!row) throw new ApplicationNotFoundError(id);
  return { app: toApplication(row, db.dialect), store: knexEventStore(trx, db.dialect) };
}
