import { expect } from 'chai';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.ts';
import { type Database, openDatabase } from '../../src/db/index.ts';
import { parseDatabaseUrl } from '../../src/config.ts';
import { FixedClock } from '../../src/engine/clock.ts';
import { buildService } from '../../src/service.ts';
import { describeEachDatabase, openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { departments } from '../../db/seeds/departments.ts';

/**
 * Several instances starting at once on one empty database (a rolling deploy, `docker compose up --scale`):
 * every start succeeds, and the schema and reference data are there once.
 */
describeEachDatabase('setup/prepare-database', function (kind) {
  let database: TestDatabase;
  let handles: Database[] = [];

  beforeEach(async () => {
    database = await openTestDatabase(kind);
  });
  afterEach(async () => {
    for (const handle of handles) await handle.knex.destroy();
    handles = [];
    await database.close();
  });

  it('should start every instance when several migrate and seed one empty database at once', async () => {
    // SQLite has one writer per file; several processes on one file is not a deployment, so two suffice.
    const instances = kind === 'pg' ? 6 : 2;
    handles = Array.from({ length: instances }, () => openDatabase(parseDatabaseUrl(database.url)));
    const config = loadConfig({ JWT_SECRET: 'x'.repeat(32), DATABASE_URL: database.url });
    const starts = await Promise.allSettled(
      handles.map((db) =>
        buildService(config, {
          db,
          clock: new FixedClock('2026-03-02T01:00:00Z'),
          logger: pino({ level: 'silent' }),
        }),
      ),
    );
    const failures = starts.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []));
    expect(failures).to.deep.equal([]);

    const knex = database.db.knex;
    const count = async (table: string) => Number((await knex(table).count({ n: '*' }).first())?.n);
    // Every department of the seed, once, however many instances seeded at the same time.
    expect(await count('departments')).to.equal(departments.length);
    expect(await count('checklist_versions')).to.equal(1);
    const years = (await knex('calendar_years').select('year')).map((r) => Number(r.year));
    expect(new Set(years).size).to.equal(years.length);
    const applied = (await knex('knex_migrations').select('name')).map((r) => r.name);
    expect(new Set(applied).size).to.equal(applied.length);
    // Exactly one start says it seeded the departments: the others found them there.
    const seededBy = starts.filter((s) => s.status === 'fulfilled' && s.value.seeded.departments > 0);
    expect(seededBy).to.have.length(1);
  });
});
