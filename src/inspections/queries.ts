import type { Database } from '../db/open.ts';

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
