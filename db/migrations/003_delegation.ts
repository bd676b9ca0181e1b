import type { Knex } from 'knex';

/**
 * Proxy-handling agreements and one-to-one liaisons. An agreement is a case of the `delegation` workflow (its
 * state, audit and expiry timer live with the other cases); this table holds the columns the permission
 * policy queries on every request of an agent.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('delegations', (t) => {
    t.string('id', 36).primary().references('applications.id');
    t.string('enterprise', 18).notNullable();
    t.string('requested_agent', 200);
    t.string('holder', 200);
    t.json('stages');
    t.json('application_ids');
    t.string('expires_at', 24).notNullable();
    t.index(['holder', 'enterprise']);
    t.index(['enterprise']);
  });

  // "Every act done in its name": the enterprise's view reads the audit log by on-behalf-of.
  await knex.schema.alterTable('audit_events', (t) => {
    t.index(['on_behalf_of', 'actor_sub']);
  });

  await knex.schema.createTable('liaisons', (t) => {
    t.string('enterprise', 18).primary();
    t.string('clerk', 200).notNullable();
    t.string('assigned_by', 200).notNullable();
    t.string('assigned_at', 24).notNullable();
    t.index(['clerk']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('liaisons');
  await knex.schema.alterTable('audit_events', (t) => {
    t.dropIndex(['on_behalf_of', 'actor_sub']);
  });
  await knex.schema.dropTableIfExists('delegations');
}
