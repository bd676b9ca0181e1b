import type { Knex } from 'knex';

/**
 * The credit register (信用记录). A record is a case of the `credit-record` workflow (its audit chain is the
 * record's history); `credit_records` holds the columns the eligibility check for approval on pledge
 * (告知承诺制) queries: the enterprise, the kind, the source, the dates, and whether a repair ended it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('credit_records', (t) => {
    // The record's own case.
    t.string('id', 36).primary().references('applications.id');
    t.string('enterprise', 18).notNullable();
    t.string('kind', 32).notNullable();
    t.text('source').notNullable();
    // YYYY-MM-DD (Asia/Shanghai): the day the record was decided or published.
    t.string('decided_on', 10).notNullable();
    // YYYY-MM-DD, the last day of the exclusion; null: until repaired.
    t.string('ineligible_until', 10);
    // The case that produced it (a pledge's verification), when the service wrote it.
    t.string('origin_case_id', 36);
    t.string('recorded_at', 24).notNullable();
    t.string('repaired_at', 24);
    t.string('repair_case_id', 36);
    t.index(['enterprise']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('credit_records');
}
