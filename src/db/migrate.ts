import type { Knex } from 'knex';
import { migrations } from '../../db/migrations/index.ts';

type Migration = (typeof migrations)[number];

const source: Knex.MigrationSource<Migration> = {
  getMigrations: async () => [...migrations],
  getMigrationName: (migration) => migration.name,
  getMigration: async (migration) => migration,
};

/** Brings the schema up to date; safe to call at every start and from several instances at once. */
export async function migrateLatest(knex: Knex): Promise<string[]> {
  const [, applied] = (await knex.migrate.latest({ migrationSource: source })) as [number, string[]];
  return applied;
}

/** Names of migrations not yet applied (for /readyz). */
export async function pendingMigrations(knex: Knex): Promise<string[]> {
  const [, pending] = (await knex.migrate.list({ migrationSource: source })) as [unknown[], Migration[]];
  return pending.map((m) =>
    typeof m === 'string' ? m : ((m as { name?: string; file?: string }).name ?? String(m)),
  );
}
