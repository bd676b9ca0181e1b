import type { Knex } from 'knex';

/**
 * The national data exchange (工程建设项目审批管理系统数据共享交换标准, docs/exchange.md): every record the
 * provincial platform collects, written with the event it reports so that the export and the pusher only
 * read. `record_key` (the standard's local data key, DFSJZJ) makes a record written twice one record; a record
 * the platform refused keeps its reason in `rejected_reason` until an administrator sees to it.
 * `exchange_push` holds the pusher's one cursor: the last record handed to the outbox.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('exchange_records', (t) => {
    t.bigIncrements('id').primary();
    t.string('record_key', 120).notNullable().unique();
    t.string('table_name', 32).notNullable();
    t.string('application_id', 36).notNullable().references('applications.id');
    t.text('record').notNullable();
    t.string('created_at', 24).notNullable();
    t.string('rejected_at', 24);
    t.text('rejected_reason');
    t.index(['rejected_at'], 'exchange_records_rejected');
  });
  await knex.schema.createTable('exchange_push', (t) => {
    t.string('name', 32).primary();
    t.bigInteger('last_id').notNullable();
    t.string('updated_at', 24).notNullable();
  });
  await knex('exchange_push').insert({ name: 'spgl', last_id: 0, updated_at: new Date(0).toISOString() });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('exchange_push');
  await knex.schema.dropTable('exchange_records');
}
