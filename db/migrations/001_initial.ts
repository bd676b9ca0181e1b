import type { Knex } from 'knex';

/**
 * The foundation schema. Times are ISO 8601 UTC strings (`2026-03-02T01:00:00.000Z`): they sort and compare
 * as text in both databases. JSON columns are `json` (text on SQLite).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('departments', (t) => {
    t.string('code', 32).primary();
    t.string('name', 200).notNullable();
    t.string('name_zh', 200).notNullable();
  });

  await knex.schema.createTable('applications', (t) => {
    t.string('id', 36).primary();
    t.string('workflow_id', 64).notNullable();
    t.integer('workflow_version').notNullable();
    t.string('applicant', 18).notNullable();
    t.string('created_by', 200).notNullable();
    t.json('project').notNullable();
    t.json('form').notNullable();
    t.json('snapshot').notNullable();
    t.json('state').notNullable();
    t.string('status', 20).notNullable();
    t.integer('version').notNullable();
    t.string('last_hash', 64).notNullable();
    t.string('created_at', 24).notNullable();
    t.string('updated_at', 24).notNullable();
    t.string('submitted_at', 24);
    t.string('accepted_at', 24);
    t.string('concluded_at', 24);
    t.integer('limit_working_days');
    // Running account of the stopped clock, so that deadlines move without re-reading the audit log.
    t.string('clock_stopped_since', 24);
    t.integer('stopped_working_days').notNullable().defaultTo(0);
    t.string('due_at', 24);
    t.index(['applicant', 'created_at']);
    t.index(['status']);
    t.index(['workflow_id', 'status']);
    t.index(['created_at']);
    t.index(['submitted_at']);
    t.index(['accepted_at']);
    t.index(['concluded_at']);
  });

  await knex.schema.createTable('audit_events', (t) => {
    t.bigIncrements('id').primary();
    t.string('application_id', 36).notNullable().references('applications.id');
    t.integer('seq').notNullable();
    t.string('at', 24).notNullable();
    t.string('type', 64).notNullable();
    t.string('actor_sub', 200).notNullable();
    t.string('actor_role', 20).notNullable();
    t.string('actor_org', 64);
    t.string('on_behalf_of', 64);
    t.json('from_state');
    t.json('to_state');
    t.string('status_after', 20);
    t.boolean('clock_stopped').notNullable().defaultTo(false);
    t.text('comment');
    t.json('data');
    t.string('prev_hash', 64).notNullable();
    t.string('hash', 64).notNullable();
    t.unique(['application_id', 'seq']);
  });

  await knex.schema.createTable('tasks', (t) => {
    t.bigIncrements('id').primary();
    t.string('application_id', 36).notNullable().references('applications.id');
    t.string('node', 300).notNullable();
    t.string('department', 32).notNullable();
    t.string('action', 64).notNullable();
    t.integer('limit_days').notNullable();
    t.string('opened_at', 24).notNullable();
    t.string('due_at', 24).notNullable();
    t.boolean('due_provisional').notNullable().defaultTo(false);
    t.string('closed_at', 24);
    t.string('closed_by_event', 64);
    t.string('status', 10).notNullable();
    t.string('clock_stopped_since', 24);
    t.integer('stopped_working_days').notNullable().defaultTo(0);
    t.index(['application_id', 'status']);
    t.index(['department', 'status', 'due_at']);
    t.index(['status', 'due_at']);
  });

  await knex.schema.createTable('timers', (t) => {
    t.bigIncrements('id').primary();
    t.string('application_id', 36).notNullable().references('applications.id');
    t.string('timer_key', 100).notNullable();
    t.json('event').notNullable();
    t.string('due_at', 24).notNullable();
    t.string('created_at', 24).notNullable();
    t.unique(['application_id', 'timer_key']);
    t.index(['due_at']);
  });

  await knex.schema.createTable('outbox', (t) => {
    t.bigIncrements('id').primary();
    t.string('application_id', 36).references('applications.id');
    t.string('type', 64).notNullable();
    t.json('payload').notNullable();
    t.string('created_at', 24).notNullable();
    t.string('available_at', 24).notNullable();
    t.integer('attempts').notNullable().defaultTo(0);
    t.string('sent_at', 24);
    t.text('last_error');
    t.index(['sent_at', 'available_at']);
  });

  await knex.schema.createTable('calendar_years', (t) => {
    t.integer('year').primary();
    t.text('source').notNullable();
    t.string('published_at', 24).notNullable();
    t.json('holidays').notNullable();
  });

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

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'idempotency_keys',
    'calendar_years',
    'outbox',
    'timers',
    'tasks',
    'audit_events',
    'applications',
    'departments',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
