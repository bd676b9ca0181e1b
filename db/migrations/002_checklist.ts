import type { Knex } from 'knex';

/** The versioned checklist, and the fees and inspections charged and carried out under it. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('checklist_versions', (t) => {
    t.integer('version').primary();
    t.string('published_at', 24).notNullable();
    t.string('published_by', 200).notNullable();
    t.json('body').notNullable();
  });

  await knex.schema.createTable('fees', (t) => {
    t.bigIncrements('id').primary();
    t.string('application_id', 36).notNullable().references('applications.id');
    t.string('code', 64).notNullable();
    t.string('name', 500).notNullable();
    t.integer('checklist_version').notNullable().references('checklist_versions.version');
    t.string('unit', 20).notNullable();
    t.decimal('rate', 18, 2).notNullable();
    t.decimal('quantity', 18, 2).notNullable();
    // GB/T 39046 keeps fees as n..16,2: exact decimals, never floating point in the database.
    t.decimal('amount', 18, 2).notNullable();
    t.string('status', 10).notNullable();
    t.string('assessed_by', 200).notNullable();
    t.string('assessed_at', 24).notNullable();
    t.string('payment_ref', 200);
    t.string('paid_by', 200);
    t.string('paid_at', 24);
    t.text('waive_reason');
    t.string('waived_by', 200);
    t.string('waived_at', 24);
    t.index(['application_id']);
  });

  await knex.schema.createTable('inspections', (t) => {
    t.bigIncrements('id').primary();
    t.string('application_id', 36).notNullable().references('applications.id');
    t.string('code', 64).notNullable();
    t.string('name', 500).notNullable();
    t.string('department', 32).notNullable();
    t.integer('checklist_version').notNullable().references('checklist_versions.version');
    t.string('scheduled_at', 24).notNullable();
    t.string('scheduled_by', 200).notNullable();
    t.string('status', 10).notNullable();
    t.string('result', 10);
    t.text('findings');
    t.string('recorded_by', 200);
    t.string('recorded_at', 24);
    t.index(['application_id']);
    t.index(['department', 'status']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('inspections');
  await knex.schema.dropTableIfExists('fees');
  await knex.schema.dropTableIfExists('checklist_versions');
}
