/** Every read and write of the `fees` table. */
import type { Knex } from 'knex';
import type { Database } from '../db/index.ts';

/** A fee row as stored (amounts as the database returns them). */
export type FeeRow = Record<string, any>;

/** A fee by its id. */
export async function feeRow(db: Database, id: number): Promise<FeeRow | undefined> {
  return db.knex('fees').where({ id }).first();
}

/** A fee of this case, or undefined when the case has no such fee. */
export async function feeOfCase(
  db: Database,
  applicationId: string,
  id: number,
): Promise<FeeRow | undefined> {
  return db.knex('fees').where({ id, application_id: applicationId }).first();
}

/** Writes an assessed fee, in the transaction of its `FEE_ASSESSED` event; returns its id. */
export async function insertFee(trx: Knex.Transaction, row: FeeRow): Promise<number> {
  const [inserted] = await trx('fees').insert(row).returning('id');
  return Number(typeof inserted === 'object' ? inserted.id : inserted);
}

/**
 * Pays or waives a fee of the case, in the transaction of its `FEE_SETTLED` event. Only an assessed fee is
 * settled, once: the status check is part of the update. Returns the number of rows changed (0 or 1).
 */
export async function settleFee(
  trx: Knex.Transaction,
  applicationId: string,
  id: number,
  fields: FeeRow,
): Promise<number> {
  return trx('fees').update(fields).where({ id, application_id: applicationId, status: 'assessed' });
}
