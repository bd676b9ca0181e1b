import type { Knex } from 'knex';

/**
 * Expert review of investment proposals (issue 15):
 * - `experts`: the roster the administrators keep — fields (industries), the employer's USCC, declared
 *   relations (JSON list of `{uscc, kind, note}`), whether the expert may be drawn;
 * - `review_seats`: who sat on which review (drawn, replacement), their declaration and whether they left the
 *   panel (recused, objection upheld); past engagements and the "earlier review of the same project" filter
 *   read it, and so does what an expert may see;
 * - `review_ballots`: the sealed ballots, one per member and meeting, read by nobody until the meeting's last
 *   vote unseals them into the case's record;
 * - `investment_reviews`: one row per filed proposal with its batch, industry and outcome, for the figures,
 *   and the conditions of a pass, which the project's later cases list.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('experts', (t) => {
    t.string('id', 200).primary();
    t.string('name', 200).notNullable();
    t.text('fields').notNullable();
    t.string('employer_uscc', 18);
    t.text('relations').notNullable();
    t.string('status', 12).notNullable();
    t.string('created_at', 24).notNullable();
    t.string('updated_at', 24).notNullable();
  });
  await knex.schema.createTable('review_seats', (t) => {
    t.string('case_id', 36).notNullable().references('id').inTable('applications');
    t.string('expert_id', 200).notNullable();
    t.text('project_code');
    t.string('seated_at', 24).notNullable();
    t.string('declared_at', 24);
    t.string('left_at', 24);
    t.string('left_because', 40);
    t.primary(['case_id', 'expert_id']);
    t.index(['expert_id']);
    t.index(['project_code']);
  });
  await knex.schema.createTable('review_ballots', (t) => {
    t.string('case_id', 36).notNullable().references('id').inTable('applications');
    t.integer('meeting').notNullable();
    t.string('expert_id', 200).notNullable();
    t.text('ballot').notNullable();
    t.string('salt', 64).notNullable();
    t.string('cast_at', 24).notNullable();
    t.primary(['case_id', 'meeting', 'expert_id']);
  });
  await knex.schema.createTable('investment_reviews', (t) => {
    t.string('case_id', 36).primary().references('id').inTable('applications');
    t.string('applicant', 18).notNullable();
    t.text('project_code');
    t.string('industry', 60).notNullable();
    t.string('batch', 7).notNullable();
    t.string('filed_at', 24).notNullable();
    t.string('cut_off_at', 24).notNullable();
    t.string('outcome', 30);
    t.string('decided_at', 24);
    t.text('reasons');
    t.text('conditions');
    t.index(['decided_at']);
    t.index(['project_code']);
    t.index(['batch']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('investment_reviews');
  await knex.schema.dropTableIfExists('review_ballots');
  await knex.schema.dropTableIfExists('review_seats');
  await knex.schema.dropTableIfExists('experts');
}
