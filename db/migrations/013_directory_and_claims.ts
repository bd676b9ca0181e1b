import type { Knex } from 'knex';

/**
 * Names instead of codes, lists that scale, and work assignment (issue 13, items 3–5):
 * - `enterprises`: the directory, USCC → name, legal representative, contact phone, and where the name came
 *   from (`form` < `token` < `enterprise`: what the enterprise keeps itself wins over what was read elsewhere);
 * - `people`: the name each user id last signed in with, so clerks and agents are shown by name;
 * - `applications.project_name`, `project_code`: the project's name and code as columns, so that a search
 *   reads an index instead of every case's JSON (filled from the stored JSON for the cases already there);
 * - `tasks.claimed_by`, `claimed_at`: the clerk working on a task;
 * - indexes for the new filters: the inbox by department, status and claimant; cases by due date and by
 *   workflow and due date.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('enterprises', (t) => {
    t.string('uscc', 18).primary();
    t.string('name', 200);
    t.string('name_source', 12);
    t.string('legal_representative', 100);
    t.string('contact_phone', 40);
    t.string('updated_at', 24).notNullable();
    t.string('updated_by', 200);
    t.index(['name']);
  });
  await knex.schema.createTable('people', (t) => {
    t.string('sub', 200).primary();
    t.string('name', 200);
    t.string('role', 20).notNullable();
    t.string('org', 64);
    t.boolean('lead').notNullable().defaultTo(false);
    t.string('seen_at', 24).notNullable();
    t.index(['org', 'role']);
  });
  await knex.schema.alterTable('applications', (t) => {
    t.text('project_name');
    t.text('project_code');
    t.index(['project_code'], 'applications_project_code');
    t.index(['due_at', 'id'], 'applications_due');
    t.index(['workflow_id', 'due_at'], 'applications_workflow_due');
  });
  await knex.schema.alterTable('tasks', (t) => {
    t.string('claimed_by', 200);
    t.string('claimed_at', 24);
    t.index(['department', 'status', 'claimed_by', 'due_at'], 'tasks_department_claimant');
  });
  // The cases already stored: their project's name and code, read from the JSON once.
  const rows: Array<{ id: string; project: unknown }> = await knex('applications').select('id', 'project');
  for (const row of rows) {
    const project = (typeof row.project === 'string' ? JSON.parse(row.project) : row.project) as Record<
      string,
      unknown
    >;
    const name = typeof project?.name === 'string' ? project.name : null;
    const code = typeof project?.code === 'string' ? project.code : null;
    if (name !== null || code !== null) {
      await knex('applications').where({ id: row.id }).update({ project_name: name, project_code: code });
    }
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tasks', (t) => {
    t.dropIndex([], 'tasks_department_claimant');
    t.dropColumn('claimed_by');
    t.dropColumn('claimed_at');
  });
  await knex.schema.alterTable('applications', (t) => {
    t.dropIndex([], 'applications_project_code');
    t.dropIndex([], 'applications_due');
    t.dropIndex([], 'applications_workflow_due');
    t.dropColumn('project_name');
    t.dropColumn('project_code');
  });
  await knex.schema.dropTableIfExists('people');
  await knex.schema.dropTableIfExists('enterprises');
}
