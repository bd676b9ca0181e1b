import type { Knex } from 'knex';

/**
 * Ratings (好差评, GB/T 39046-2020 table 9): one row per rating of a case as a whole (`target` 'case') or of a
 * department's decision (`target` the department), attributed to the department and the clerk whose audit
 * record made the result. `rater_sub` never leaves the service's own views; a default rating (no rating within
 * the configured days) has an empty `rater_sub` and `is_default`. A bad rating's follow-up is a case of the
 * `rating-follow-up` workflow (`follow_up_id`); its outcome is copied here for the figures.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('ratings', (t) => {
    t.string('id', 36).primary();
    t.string('application_id', 36).notNullable().references('applications.id');
    t.string('workflow_id', 64).notNullable();
    t.string('target', 32).notNullable();
    t.string('department', 32).notNullable();
    t.string('clerk', 200);
    t.string('enterprise', 18).notNullable();
    t.string('rater_sub', 200).notNullable();
    t.string('rater_role', 20).notNullable();
    t.integer('level').notNullable();
    t.text('tags').notNullable();
    t.text('text');
    t.integer('channel').notNullable();
    t.boolean('is_default').notNullable().defaultTo(false);
    t.string('result_at', 24).notNullable();
    t.string('rated_at', 24).notNullable();
    t.string('follow_up_id', 36).references('applications.id');
    t.string('follow_up_status', 20);
    t.string('follow_up_due_at', 24);
    t.boolean('rectified_on_time');
    t.integer('follow_up_level');
    t.boolean('excluded').notNullable().defaultTo(false);
    t.string('excluded_at', 24);
    t.text('exclusion_reason');
    t.unique(['application_id', 'target', 'rater_sub']);
    t.index(['department', 'rated_at']);
    t.index(['workflow_id', 'rated_at']);
    t.index(['follow_up_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('ratings');
}
