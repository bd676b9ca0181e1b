import type { Knex } from 'knex';

/**
 * Publishing a calendar year queues the recomputation of the stored figures that count days in it, instead
 * of running it inside the request: `recomputed_at` is null until a scheduler round has recomputed the year
 * as published. Years already stored were recomputed when they were published.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('calendar_years', (t) => {
    t.string('recomputed_at', 24);
  });
  await knex('calendar_years').update({ recomputed_at: knex.ref('published_at') });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('calendar_years', (t) => {
    t.dropColumn('recomputed_at');
  });
}
