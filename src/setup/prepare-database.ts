import { type Database, migrateLatest } from '../db/index.ts';
import { seedReferenceData, type SeedResult } from './seed-reference-data.ts';

/**
 * Brings a database up to date at start: migrations, then the reference data an empty database lacks, one
 * instance at a time (several instances may start together on one PostgreSQL database).
 */
export function prepareDatabase(db: Database, now: Date): Promise<SeedResult> {
  return db.dialect.oneAtATime(db.knex, async () => {
    await migrateLatest(db.knex);
    return seedReferenceData(db.knex, now);
  });
}
