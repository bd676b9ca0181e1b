import type { Knex } from 'knex';

/**
 * A timer whose event fails is retried with backoff, then parked as dead for an administrator to look at,
 * instead of staying due forever and blocking the oldest slots of every sweep. `retry_at` is when the next
 * attempt may run; `due_at` stays the statutory time the event is recorded at.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('timers', (t) => {
    t.integer('attempts').notNullable().defaultTo(0);
    t.text('last_error');
    t.string('retry_at', 24);
    t.string('dead_at', 24);
    t.index(['dead_at'], 'timers_dead_at');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('timers', (t) => {
    t.dropIndex([], 'timers_dead_at');
    t.dropColumn('attempts');
    t.dropColumn('last_error');
    t.dropColumn('retry_at');
    t.dropColumn('dead_at');
  });
}
