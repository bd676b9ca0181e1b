import { loadConfig } from '../config.ts';
import { migrateLatest, openDatabase } from '../db/index.ts';
import { seedReferenceData } from '../setup/seed-reference-data.ts';

/** `npm run migrate`: brings the configured database's schema up to date and seeds missing reference data. */
const config = loadConfig();
const db = openDatabase(config.database, config);
try {
  // One at a time with instances starting on the same database.
  const [applied, seeded] = await db.dialect.oneAtATime(db.knex, async () => [
    await migrateLatest(db.knex),
    await seedReferenceData(db.knex, new Date()),
  ]);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
  console.log(
    `seeded ${seeded.departments} departments, calendar years: ${seeded.calendarYears.join(', ') || 'none new'}`,
  );
} finally {
  await db.knex.destroy();
}
