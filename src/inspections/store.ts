/** Every read and write of the `inspections` table. */
import type { Knex } from 'knex';
import type { Database } from '../db/index.ts';

/** An inspection row as stored. */
export type InspectionRow = Record<string, any>;

/** An inspection by its id. */
export async function inspectionRow(db: Database, id: number): Promise<InspectionRow | undefined> {
  return db.knex('inspections').where({ id }).first();
}

/** An inspection of this case, or undefined when the case has no such inspection. */
export async function inspectionOfCase(
  db: Database,
  applicationId: string,
  id: number,
): Promise<InspectionRow | undefined> {
  return db.knex('inspections').where({ id, application_id: applicationId }).first();
}

/** The inspection of an item still waiting for its result on a case, in the transaction about to schedule one. */
export async function scheduledInspection(
  trx: Knex.Transaction,
  applicationId: string,
  code: string,
): Promise<InspectionRow | undefined> {
  return trx('inspections').where({ application_id: applicationId, code, status: 'scheduled' }).first();
}

/** Writes a scheduled inspection, in the transaction of its `INSPECTION_SCHEDULED` event; returns its id. */
export async function insertInspection(trx: Knex.Transaction, row: InspectionRow): Promise<number> {
  const [inserted] = await trx('inspections').insert(row).returning('id');
  return Number(typeof inserted === 'object' ? inserted.id : inserted);
}

/**
 * Records the result of a scheduled inspection, in the transaction of its `INSPECTION_RECORDED` event. Only a
 * scheduled one takes a result, once. Returns the number of rows changed (0 or 1).
 */
export async function recordInspection(
  trx: Knex.Transaction,
  id: number,
  fields: InspectionRow,
): Promise<number> {
  return trx('inspections').where({ id, status: 'scheduled' }).update(fields);
}
