import type { Database } from '../db/open.ts';

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
