import type { Knex } from 'knex';

/**
 * Application materials (申请材料): the published catalog per workflow, the catalog version a case is held to
 * from its submission, the materials handed in on each case, and — when the service runs on PostgreSQL — the
 * files themselves, content-addressed, so that every instance serves every file.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('material_catalogs', (t) => {
    t.string('workflow', 64).notNullable();
    t.integer('version').notNullable();
    t.string('published_at', 24).notNullable();
    t.string('published_by', 200).notNullable();
    t.json('body').notNullable();
    t.primary(['workflow', 'version']);
  });

  // Fixed at SUBMIT; `on_paper` marks an imported case whose papers predate the service.
  await knex.schema.createTable('case_material_catalogs', (t) => {
    t.string('application_id', 36).primary().references('applications.id');
    t.string('workflow', 64).notNullable();
    t.integer('catalog_version').notNullable();
    t.boolean('on_paper').notNullable().defaultTo(false);
    t.string('fixed_at', 24).notNullable();
  });

  await knex.schema.createTable('materials', (t) => {
    t.string('id', 36).primary();
    t.string('application_id', 36).notNullable().references('applications.id');
    t.string('code', 64).notNullable();
    // A file: its hash, size and sniffed type. A cited licence has none of these, only its number.
    t.string('sha256', 64);
    t.bigInteger('bytes');
    t.string('media_type', 100);
    t.string('file_name', 255);
    t.string('licence_number', 100);
    t.string('source_application_id', 36);
    t.string('source_material_id', 36);
    t.string('uploaded_at', 24).notNullable();
    t.string('uploaded_by', 200).notNullable();
    t.string('on_behalf_of', 18);
    // The seq of the audit record that added it: "added after the request" compares seqs, not clock times.
    t.integer('added_seq').notNullable();
    t.index(['application_id']);
    t.index(['sha256']);
  });

  await knex.schema.createTable('material_blobs', (t) => {
    t.string('sha256', 64).primary();
    t.bigInteger('bytes').notNullable();
    // Refreshed whenever the same content is stored again, so the sweep never takes a blob being attached.
    t.string('stored_at', 24).notNullable();
  });

  await knex.schema.createTable('material_blob_chunks', (t) => {
    t.string('sha256', 64).notNullable().references('material_blobs.sha256').onDelete('CASCADE');
    t.integer('n').notNullable();
    t.binary('data').notNullable();
    t.primary(['sha256', 'n']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('material_blob_chunks');
  await knex.schema.dropTableIfExists('material_blobs');
  await knex.schema.dropTableIfExists('materials');
  await knex.schema.dropTableIfExists('case_material_catalogs');
  await knex.schema.dropTableIfExists('material_catalogs');
}
