import type { Knex } from 'knex';

/**
 * Idempotency keys belong to the caller as signed in — token issuer, user, organisation and role — not to the
 * user id alone: the same person signed in for another enterprise must never get the first one's answer.
 * A key is completed in the transaction of its work (`ref`, what a replay needs), and a running request
 * holds its reservation by a lease it renews (`holder`, `held_until`). The table is made anew: keys live
 * 24 hours, and the old rows cannot be given the scope they lacked.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.dropTable('idempotency_keys');
  await knex.schema.createTable('idempotency_keys', (t) => {
    // Text, not varchar: these come from tokens, and an unexpectedly long claim must not fail the request.
    t.text('iss').notNullable(); // '' when the token has no iss
    t.text('sub').notNullable();
    t.text('org').notNullable(); // '' for auditors and admins without one
    t.string('role', 20).notNullable();
    t.string('key', 200).notNullable();
    t.string('request_hash', 64).notNullable();
    t.integer('status').notNullable();
    t.json('body');
    t.json('ref');
    t.text('location');
    t.string('holder', 36);
    t.string('held_until', 24);
    t.string('created_at', 24).notNullable();
    t.primary(['iss', 'sub', 'org', 'role', 'key']);
    t.index(['created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('idempotency_keys');
  await knex.schema.createTable('idempotency_keys', (t) => {
    t.string('sub', 200).notNullable();
    t.string('key', 200).notNullable();
    t.string('request_hash', 64).notNullable();
    t.integer('status').notNullable();
    t.json('body').notNullable();
    t.string('created_at', 24).notNullable();
    t.primary(['sub', 'key']);
    t.index(['created_at']);
  });
}
