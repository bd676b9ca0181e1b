import type { Knex } from 'knex';

/**
 * Reads that do not grow with the history. The case row keeps what its timing needs besides the clock from
 * acceptance: the window's first response after submission (deemed acceptance, art. 32), the special part of
 * the clock from acceptance, and the clock from submission (the figures count from it when acceptance is
 * deemed). A case stored before keeps null until a scheduler round replays its history once
 * (src/timing/recompute.ts); meanwhile its page replays it.
 *
 * The inbox and the case list read their first page in index order: each default order ends with the id, as
 * the pages continue on it, for every role's filter (the department's tasks, the enterprise's cases, all of
 * them). The indexes they replace were their prefixes.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('applications', (t) => {
    t.string('first_response_at', 24);
    t.string('special_stopped_since', 24);
    t.integer('special_stopped_days');
    t.string('submission_stopped_since', 24);
    t.integer('submission_stopped_days');
    t.string('submission_special_since', 24);
    t.integer('submission_special_days');
  });
  await knex.schema.alterTable('applications', (t) => {
    // Only the cases still to replay: empty once they are, so it costs the writes nothing after.
    t.index(['id'], 'applications_timing_unkept', {
      predicate: knex.whereNull('submission_stopped_days'),
    });
    t.index(['created_at', 'id'], 'applications_created');
    t.index(['applicant', 'created_at', 'id'], 'applications_applicant_created');
    t.dropIndex(['created_at']);
    t.dropIndex(['applicant', 'created_at']);
  });
  await knex.schema.alterTable('tasks', (t) => {
    t.index(['status', 'due_at', 'id'], 'tasks_status_due');
    t.index(['department', 'status', 'due_at', 'id'], 'tasks_department_due');
    t.index(['department', 'status', 'claimed_by', 'due_at', 'id'], 'tasks_department_claimant_due');
    t.dropIndex(['status', 'due_at']);
    t.dropIndex(['department', 'status', 'due_at']);
    t.dropIndex([], 'tasks_department_claimant');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tasks', (t) => {
    t.index(['status', 'due_at']);
    t.index(['department', 'status', 'due_at']);
    t.index(['department', 'status', 'claimed_by', 'due_at'], 'tasks_department_claimant');
    t.dropIndex([], 'tasks_status_due');
    t.dropIndex([], 'tasks_department_due');
    t.dropIndex([], 'tasks_department_claimant_due');
  });
  await knex.schema.alterTable('applications', (t) => {
    t.index(['applicant', 'created_at']);
    t.index(['created_at']);
    t.dropIndex([], 'applications_applicant_created');
    t.dropIndex([], 'applications_created');
    t.dropIndex([], 'applications_timing_unkept');
  });
  await knex.schema.alterTable('applications', (t) => {
    t.dropColumns(
      'first_response_at',
      'special_stopped_since',
      'special_stopped_days',
      'submission_stopped_since',
      'submission_stopped_days',
      'submission_special_since',
      'submission_special_days',
    );
  });
}
