/**
 * Who may see a project, and which of its cases: the rule of cases (src/cases/visibility.ts) carried to the
 * project. A caller sees a project when it may see at least one of its cases; otherwise it is a 404, as for a
 * case. The enterprise and its agents then see the cases they may see; clerks of the departments involved,
 * auditors and administrators every submitted case of the project too, read-only (a project is followed across
 * departments; a draft stays the enterprise's).
 */
import type { Knex } from 'knex';
import type { Principal } from '../auth/principal.ts';
import { whereVisible, type VisibilityDeps } from '../cases/visibility.ts';
import { toApplication, type ApplicationRecord } from '../engine/records.ts';
import { isApplicationWorkflow } from '../engine/workflow.ts';

/** Roles that see every case of a project they may see. */
const WHOLE_PROJECT: ReadonlySet<string> = new Set(['clerk', 'auditor', 'admin']);

/** Narrows a query on `projects` (unaliased) to the projects with a case the caller may see. */
export async function whereProjectVisible(
  projects: Knex.QueryBuilder,
  deps: VisibilityDeps,
  principal: Principal,
): Promise<void> {
  const sub = deps.db
    .knex('applications')
    .select(deps.db.knex.raw('1'))
    .whereRaw('applications.project_code = projects.code');
  await whereVisible(sub, deps, principal);
  projects.whereExists(sub);
}

/** The project's cases the caller may see in its view, oldest first; null when the project is not visible. */
export async function casesOfProject(
  deps: VisibilityDeps,
  principal: Principal,
  code: string,
): Promise<ApplicationRecord[] | null> {
  const visible = deps.db.knex('applications').where('project_code', code);
  await whereVisible(visible, deps, principal);
  const own = await visible.orderBy([{ column: 'created_at' }, { column: 'id' }]).select('*');
  if (!own.length) return null;
  const ownIds = new Set(own.map((r: { id: string }) => r.id));
  // Beyond its own, a clerk sees the project's submitted cases: a draft is the enterprise's alone.
  const rows = WHOLE_PROJECT.has(principal.role)
    ? (
        await deps.db
          .knex('applications')
          .where('project_code', code)
          .orderBy([{ column: 'created_at' }, { column: 'id' }])
          .select('*')
      ).filter((r: { id: string; status: string }) => r.status !== 'draft' || ownIds.has(r.id))
    : own;
  return rows
    .map((r) => toApplication(r, deps.db.dialect))
    .filter((app) =>
      deps.registry.has(app.workflowId)
        ? isApplicationWorkflow(deps.registry.get(app.workflowId, app.workflowVersion))
        : false,
    );
}
