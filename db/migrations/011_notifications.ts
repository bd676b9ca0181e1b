import type { Knex } from 'knex';

/**
 * Messages that tell people of each step (docs/api.md, "Notifications"): one row per message, its recipients
 * (an enterprise by USCC, a department by code, an agent by user id), and who has read it. A message is read
 * per user, not per organisation: one clerk reading it leaves it unread for the others. `dedupe_key` makes a
 * message created twice (a sweep run by two instances, an event retried) one message.
 *
 * The outbox gains `dead_at`: a message that failed its last attempt is parked for an administrator instead of
 * being retried forever.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('notifications', (t) => {
    t.bigIncrements('id').primary();
    t.string('code', 64).notNullable();
    t.string('dedupe_key', 300).notNullable().unique();
    t.string('application_id', 36).references('applications.id');
    t.string('project_code', 64);
    t.string('project_name', 500);
    t.json('params').notNullable();
    t.text('text').notNullable();
    t.string('created_at', 24).notNullable();
  });
  await knex.schema.createTable('notification_recipients', (t) => {
    t.bigInteger('notification_id').notNullable().references('notifications.id');
    t.string('kind', 16).notNullable();
    t.string('recipient', 200).notNullable();
    t.primary(['notification_id', 'kind', 'recipient']);
    t.index(['kind', 'recipient', 'notification_id'], 'notification_recipients_lookup');
  });
  await knex.schema.createTable('notification_reads', (t) => {
    t.bigInteger('notification_id').notNullable().references('notifications.id');
    t.string('reader', 420).notNullable();
    t.string('read_at', 24).notNullable();
    t.primary(['notification_id', 'reader']);
  });
  await knex.schema.alterTable('outbox', (t) => {
    t.string('dead_at', 24);
    t.index(['dead_at'], 'outbox_dead_at');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('outbox', (t) => {
    t.dropIndex([], 'outbox_dead_at');
    t.dropColumn('dead_at');
  });
  await knex.schema.dropTableIfExists('notification_reads');
  await knex.schema.dropTableIfExists('notification_recipients');
  await knex.schema.dropTableIfExists('notifications');
}
