import { expect } from 'chai';
import type { Knex } from 'knex';
import { migrations } from '../../db/migrations/index.ts';
import { describeEachDatabase, openTestDatabase, type TestDatabase } from '../support/databases.ts';

type Migration = (typeof migrations)[number];

/** The migrations up to `last`: before 017 as a database stored before projects, then up to 017 itself. */
const upTo = (last: string): Knex.MigrationSource<Migration> => ({
  getMigrations: async () => migrations.filter((m) => m.name <= last),
  getMigrationName: (m) => m.name,
  getMigration: async (m) => m,
});

describeEachDatabase('db/migrations/017_projects', (kind) => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase(kind);
  });
  after(async () => {
    await database?.close();
  });

  it('should make a project of every code the stored cases name, first seen with its oldest case, and undo it', async () => {
    const knex = database.db.knex;
    await knex.migrate.latest({ migrationSource: upTo('016') });
    const row = (id: string, at: string, applicant: string, code: string | null, name: string) => ({
      id,
      workflow_id: 'construction-permit',
      workflow_version: 1,
      applicant,
      created_by: 'ent-user',
      project: JSON.stringify({ name, code }),
      project_name: name,
      project_code: code,
      form: '{}',
      snapshot: '{}',
      state: '"draft"',
      status: 'draft',
      version: 1,
      last_hash: '0'.repeat(64),
      created_at: at,
      updated_at: at,
    });
    await knex('applications').insert([
      row(
        '00000000-0000-4000-8000-000000000002',
        '2026-03-03T01:00:00.000Z',
        'B',
        '2026-360202-48-01-012345',
        'Later',
      ),
      row(
        '00000000-0000-4000-8000-000000000001',
        '2026-03-02T01:00:00.000Z',
        'A',
        '2026-360202-48-01-012345',
        'First',
      ),
      row('00000000-0000-4000-8000-000000000003', '2026-03-04T01:00:00.000Z', 'A', null, 'No code'),
    ]);
    await knex.migrate.latest({ migrationSource: upTo('017_projects') });
    expect(await knex('projects').select('code', 'name', 'enterprise', 'first_seen_at')).to.deep.equal([
      {
        code: '2026-360202-48-01-012345',
        name: 'First',
        enterprise: 'A',
        first_seen_at: '2026-03-02T01:00:00.000Z',
      },
    ]);
    await knex.migrate.down({ migrationSource: upTo('017_projects') });
    expect(await knex.schema.hasTable('projects')).to.equal(false);
  });
});
