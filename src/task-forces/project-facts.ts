/** The facts a key project's rights are decided on, read at the moment of the request. */
import type { ProjectFacts } from '../auth/policy.ts';
import type { Database } from '../db/index.ts';
import { membersOf } from './members-store.ts';

/** The project's task force and the enterprises whose cases of it were accepted. */
export async function projectFacts(db: Database, code: string): Promise<ProjectFacts> {
  const [members, rows] = await Promise.all([
    membersOf(db, code),
    // Accepted cases only: the window has checked the project a case names, a draft names any code it likes.
    db.knex('applications').where({ project_code: code }).whereNotNull('accepted_at').distinct('applicant'),
  ]);
  return { members, enterprises: new Set(rows.map((r: { applicant: string }) => String(r.applicant))) };
}

/** Whether the project is known at all: a task force, a plan or a case names it. */
export async function projectKnown(db: Database, code: string): Promise<boolean> {
  const [member, plan, app] = await Promise.all([
    db.knex('task_force_members').where({ project_code: code }).first('id'),
    db.knex('plan_baselines').where({ project_code: code }).first('version'),
    db.knex('applications').where({ project_code: code }).first('id'),
  ]);
  return Boolean(member || plan || app);
}

/** Every project with a task force or a plan: the key projects the rhythm and the battle map cover. */
export async function keyProjects(db: Database): Promise<string[]> {
  const rows: Array<{ project_code: string }> = await db
    .knex('task_force_members')
    .distinct('project_code')
    .union((u) => u.from('plan_baselines').distinct('project_code'));
  return [...new Set(rows.map((r) => String(r.project_code)))].sort();
}
