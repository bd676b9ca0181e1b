import type { Knex } from 'knex';

/**
 * Figures computed once, when a case concludes or a task closes, so that metrics over millions of cases read
 * an index instead of replaying audit logs. Publishing a calendar year recomputes the ones it touches.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('applications', (t) => {
    t.integer('working_days');
    t.integer('net_working_days');
    t.boolean('on_time');
    /** `YYYY-MM` of `concluded_at` in Asia/Shanghai. */
    t.string('concluded_month', 7);
    t.boolean('timing_provisional').notNullable().defaultTo(false);
  });
  // Approval times by month/workflow: a range on the month, the exact bounds on concluded_at, the rest covered.
  await knex.schema.alterTable('applications', (t) => {
    t.index(
      ['concluded_month', 'concluded_at', 'workflow_id', 'net_working_days', 'on_time'],
      'applications_decided_figures',
    );
    // By workflow: each workflow's months walked in index order, so grouping needs no sort.
    t.index(
      ['workflow_id', 'concluded_month', 'concluded_at', 'net_working_days', 'on_time'],
      'applications_decided_by_workflow',
    );
  });

  await knex.schema.alterTable('tasks', (t) => {
    t.string('workflow_id', 64);
    t.integer('net_working_days');
    t.boolean('on_time');
    t.index(['closed_at', 'department', 'net_working_days', 'on_time'], 'tasks_closed_figures');
  });
  await knex('tasks').update({
    workflow_id: knex('applications')
      .select('workflow_id')
      .whereRaw('applications.id = tasks.application_id'),
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tasks', (t) => {
    t.dropIndex([], 'tasks_closed_figures');
    t.dropColumns('workflow_id', 'net_working_days', 'on_time');
  });
  await knex.schema.alterTable('applications', (t) => {
    t.dropIndex([], 'applications_decided_figures');
    t.dropIndex([], 'applications_decided_by_workflow');
    t.dropColumns('working_days', 'net_working_days', 'on_time', 'concluded_month', 'timing_provisional');
  });
}
