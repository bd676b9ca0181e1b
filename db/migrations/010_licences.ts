import type { Knex } from 'knex';

/**
 * Electronic licences. A licence is a case of the `licence` workflow (its state, audit chain and lapse timer
 * live with the other cases); `licences` holds what was signed and the columns its lookups query, and
 * `licence_serials` the per-region, per-day counter its number takes a serial from (one upserted row, so that
 * concurrent issues queue on it and never share a number).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('licences', (t) => {
    t.string('number', 20).primary();
    // The licence's own case.
    t.string('case_id', 36).notNullable().unique().references('applications.id');
    // The application whose issue produced it.
    t.string('application_id', 36).notNullable().references('applications.id');
    t.string('type', 32).notNullable();
    t.string('holder_uscc', 18).notNullable();
    t.string('issued_at', 24).notNullable();
    // The RFC 8785 text exactly as signed, and the base64 DER signature over its UTF-8 bytes.
    t.text('payload').notNullable();
    t.text('signature').notNullable();
    t.string('key_id', 64).notNullable();
    t.string('supersedes', 20);
    t.string('revoked_at', 24);
    t.text('revocation_reason');
    // The outbox message that reports it to the provincial platform, and the end of the 5 working days.
    t.bigInteger('report_outbox_id');
    t.string('report_due_at', 24);
    t.index(['application_id']);
    t.index(['holder_uscc']);
    t.index(['report_due_at']);
  });

  await knex.schema.createTable('licence_serials', (t) => {
    t.string('region_code', 6).notNullable();
    t.string('day', 8).notNullable();
    t.integer('last').notNullable();
    t.primary(['region_code', 'day']);
  });

  // Every key that has signed a licence stays listed, so that a licence signed before a key change verifies.
  await knex.schema.createTable('licence_keys', (t) => {
    t.string('key_id', 64).primary();
    t.text('pem').notNullable();
    t.string('first_used_at', 24).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('licence_keys');
  await knex.schema.dropTableIfExists('licence_serials');
  await knex.schema.dropTableIfExists('licences');
}
