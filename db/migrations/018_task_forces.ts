import type { Knex } from 'knex';

/**
 * Task forces, plans, lights and issue lists per investment project (issue 16, items 3–7), all keyed by the
 * project code the cases store in `applications.project_code`:
 * - `task_force_members`: who carries the project and in which role (a user id, a department or a contact);
 * - `plan_baselines` and `plan_milestones`: each baseline version of the plan with its planned dates; a later
 *   version is a proposal until the responsible leader approves it, and the older one is kept as superseded;
 * - `milestone_actuals`: the actual date of each milestone, filled by approval events or by the resident
 *   officer, independent of the baseline version (a re-baseline never erases what happened);
 * - `project_lights`: every change of a project's light, with the reasons, so recoveries stay in the history;
 * - `project_issues` and `dispatches`: the issue list and the dated weekly dispatches that escalate it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('task_force_members', (t) => {
    t.bigIncrements('id').primary();
    t.string('project_code', 64).notNullable();
    t.string('role', 24).notNullable();
    t.string('sub', 200);
    t.string('org', 64);
    t.string('name', 200).notNullable();
    t.string('phone', 40);
    t.string('added_at', 24).notNullable();
    t.string('added_by', 200).notNullable();
    t.index(['project_code'], 'task_force_members_project');
    t.index(['sub'], 'task_force_members_sub');
  });
  await knex.schema.createTable('plan_baselines', (t) => {
    t.string('project_code', 64).notNullable();
    t.integer('version').notNullable();
    t.string('status', 12).notNullable();
    t.text('reason');
    t.string('proposed_by', 200).notNullable();
    t.string('proposed_at', 24).notNullable();
    t.string('decided_by', 200);
    t.string('decided_at', 24);
    t.text('decision_comment');
    t.primary(['project_code', 'version']);
    t.index(['status', 'project_code'], 'plan_baselines_status');
  });
  await knex.schema.createTable('plan_milestones', (t) => {
    t.string('project_code', 64).notNullable();
    t.integer('version').notNullable();
    t.string('milestone', 24).notNullable();
    t.string('planned_on', 10).notNullable();
    t.primary(['project_code', 'version', 'milestone']);
  });
  await knex.schema.createTable('milestone_actuals', (t) => {
    t.string('project_code', 64).notNullable();
    t.string('milestone', 24).notNullable();
    t.string('actual_on', 10).notNullable();
    t.string('source', 12).notNullable();
    t.string('application_id', 36);
    t.string('recorded_by', 200).notNullable();
    t.string('recorded_at', 24).notNullable();
    t.primary(['project_code', 'milestone']);
  });
  await knex.schema.createTable('project_lights', (t) => {
    t.bigIncrements('id').primary();
    t.string('project_code', 64).notNullable();
    t.string('light', 8).notNullable();
    t.string('previous', 8);
    t.json('reasons').notNullable();
    t.string('evaluated_on', 10).notNullable();
    t.string('changed_at', 24).notNullable();
    t.index(['project_code', 'id'], 'project_lights_project');
  });
  await knex.schema.createTable('dispatches', (t) => {
    t.bigIncrements('id').primary();
    t.string('held_on', 10).notNullable().unique();
    t.string('held_at', 24).notNullable();
    t.string('held_by', 200).notNullable();
  });
  await knex.schema.createTable('project_issues', (t) => {
    t.bigIncrements('id').primary();
    t.string('project_code', 64).notNullable();
    t.text('title').notNullable();
    t.string('owner', 200).notNullable();
    t.string('deadline', 10).notNullable();
    t.text('measures');
    t.string('status', 12).notNullable();
    t.string('raised_by', 200).notNullable();
    t.string('raised_at', 24).notNullable();
    t.string('updated_at', 24).notNullable();
    t.string('resolved_at', 24);
    t.string('escalated_at', 24);
    t.bigInteger('escalated_by_dispatch').references('dispatches.id');
    t.index(['project_code', 'id'], 'project_issues_project');
    t.index(['status', 'deadline'], 'project_issues_status');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('project_issues');
  await knex.schema.dropTableIfExists('dispatches');
  await knex.schema.dropTableIfExists('project_lights');
  await knex.schema.dropTableIfExists('milestone_actuals');
  await knex.schema.dropTableIfExists('plan_milestones');
  await knex.schema.dropTableIfExists('plan_baselines');
  await knex.schema.dropTableIfExists('task_force_members');
}
