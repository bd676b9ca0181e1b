import type { Knex } from 'knex';

/**
 * Projects across the four approval stages (issue 16, items 1–2): one row per investment project code, filled
 * from the cases that name it (src/projects/observer.ts). `id` orders the list and its cursor; `code` is the
 * printed code, normalised; `enterprise` the USCC that first named it; `project_type` a key of
 * db/seeds/project-targets.json, null until a form tells it. The projects already named by stored cases are
 * filled from `applications.project_code` once.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('projects', (t) => {
    t.increments('id').primary();
    t.string('code', 24).notNullable().unique();
    t.string('name', 200).notNullable();
    t.string('project_type', 20);
    t.string('enterprise', 18).notNullable();
    t.string('region_code', 6);
    t.string('first_seen_at', 24).notNullable();
    t.string('updated_at', 24).notNullable();
    t.index(['enterprise', 'id'], 'projects_enterprise');
  });
  const rows: Array<{ code: string; name: string | null; applicant: string; created_at: string }> =
    await knex('applications')
      .whereNotNull('project_code')
      .orderBy([{ column: 'created_at' }, { column: 'id' }])
      .select({
        code: 'project_code',
        name: 'project_name',
        applicant: 'applicant',
        created_at: 'created_at',
      });
  const seen = new Set<string>();
  for (const row of rows) {
    if (seen.has(row.code) || row.code.length > 24) continue;
    seen.add(row.code);
    await knex('projects').insert({
      code: row.code,
      name: (row.name ?? row.code).slice(0, 200),
      enterprise: row.applicant,
      first_seen_at: row.created_at,
      updated_at: row.created_at,
    });
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('projects');
}
