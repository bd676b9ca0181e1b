import type { Knex } from 'knex';

/**
 * Special procedures (特别程序, an expert review) stop the clock like the applicant's time but are counted
 * apart (Administrative Licensing Law art. 45): each audit record says whether one was running after it, each
 * task keeps its own running account of them, and a decided case stores their working days with its figures.
 * Older records had none, hence false, 0 and null.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('audit_events', (t) => {
    t.boolean('clock_special').notNullable().defaultTo(false);
  });
  await knex.schema.alterTable('tasks', (t) => {
    t.string('special_stopped_since', 24);
    t.integer('special_working_days').notNullable().defaultTo(0);
  });
  await knex.schema.alterTable('applications', (t) => {
    t.integer('special_working_days');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('applications', (t) => {
    t.dropColumn('special_working_days');
  });
  await knex.schema.alterTable('tasks', (t) => {
    t.dropColumns('special_stopped_since', 'special_working_days');
  });
  await knex.schema.alterTable('audit_events', (t) => {
    t.dropColumn('clock_special');
  });
}
