import type { Knex } from 'knex';

/**
 * The history names people: the token's `name` claim is kept with each new audit record, so that a record
 * reads "自然资源和规划 张三 批准" instead of a user id. Null for older records and for callers without a
 * name; a record's hash covers the name only when it has one, so older chains verify unchanged.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('audit_events', (t) => {
    t.text('actor_name');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('audit_events', (t) => {
    t.dropColumn('actor_name');
  });
}
