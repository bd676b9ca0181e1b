import { expect } from 'chai';
import type { Knex } from 'knex';
import { migrations } from '../../db/migrations/index.ts';
import { migrateLatest } from '../../src/db/migrate.ts';
import { describeEachDatabase, openTestDatabase, type TestDatabase } from '../support/databases.ts';

type Migration = (typeof migrations)[number];

/** The migrations before 013, as a database stored before it would have them. */
const before013: Knex.MigrationSource<Migration> = {
  getMigrations: async () => migrations.filter((m) => m.name < '013'),
  getMigrationName: (m) => m.name,
  getMigration: async (m) => m,
};

describeEachDatabase('db/migrations/013_directory_and_claims', (kind) => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase(kind);
  });
  after(async () => {
    await database?.close();
  });

  it("should fill the search columns of the cases already stored from their project's JSON", async () => {
    const knex = database.db.knex;
    await knex.migrate.latest({ migrationSource: before013 });
    const row = (id: string, project: object) => ({
      id,
      workflow_id: 'construction-permit',
      workflow_version: 1,
      applicant: '91310115591693856A',
      created_by: 'ent-user',
      project: JSON.stringify(project),
      form: '{}',
      snapshot: '{}',
      state: '"draft"',
      status: 'draft',
      version: 1,
      last_hash: '0'.repeat(64),
      created_at: '2026-03-02T01:00:00.000Z',
      updated_at: '2026-03-02T01:00:00.000Z',
    });
    await knex('applications').insert([
      row('00000000-0000-4000-8000-000000000001', {
        name: '陶瓷材料厂二期',
        code: '2026-360202-48-01-012345',
      }),
      row('00000000-0000-4000-8000-000000000002', { name: 12 }),
    ]);
    expect(await migrateLatest(knex)).to.include('013_directory_and_claims');
    const stored = await knex('applications').orderBy('id').select('project_name', 'project_code');
    expect(stored).to.deep.equal([
      { project_name: '陶瓷材料厂二期', project_code: '2026-360202-48-01-012345' },
      { project_name: null, project_code: null },
    ]);
  });
});
