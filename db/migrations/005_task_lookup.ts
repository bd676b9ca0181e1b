import type { Knex } from 'knex';

/**
 * A clerk's visibility check asks "has my department a task on this case?" on every request. Without this
 * index SQLite chose the (department, status, due_at) index and walked every task of the department, so the
 * check grew with the history (the benchmark's throughput fell round after round).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tasks', (t) => {
    t.index(['application_id', 'department'], 'tasks_application_department');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tasks', (t) => {
    t.dropIndex([], 'tasks_application_department');
  });
}
