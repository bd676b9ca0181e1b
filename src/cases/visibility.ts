/**
 * Who may see a case, in its two forms side by side: the TypeScript verdict on one case (the case routes' 404)
 * and the SQL filter of the case list. The rule: the enterprise sees its own cases; an agent the cases an
 * active agreement it holds covers; a clerk the cases with a task of its department, and — read-only — those of
 * the enterprises it is liaison for; auditors and administrators every case. Agreements are not cases here.
 * test/cases/visibility.test.ts holds the two forms to the same answer on both databases.
 */
import type { Knex } from 'knex';
import { caseAccess, type CaseAccess, type CaseFacts } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import type { Database } from '../db/index.ts';
import type { ApplicationRecord } from '../engine/records.ts';
import type { WorkflowRegistry } from '../engine/registry.ts';
import { isApplicationWorkflow } from '../engine/workflow.ts';
import { coversCase, whereCovered } from '../delegations/scope.ts';
import { activeDelegationsHeldBy, enterprisesOfLiaison, liaisonOf } from '../delegations/store.ts';

/** What both forms read: the database, the workflows and the moment of the request. */
export interface VisibilityDeps {
  db: Database;
  registry: WorkflowRegistry;
  /** Agreements are read as they stand at this moment: a revoked or expired one stops the very next request. */
  now: Date;
}

/** The caller's verdict on one case, with the facts it was given on. */
export interface CaseVerdict {
  access: CaseAccess;
  facts: CaseFacts;
}

/**
 * The TypeScript form: what the caller may do on one case (`none` hides it). `hasTask` says whether the
 * clerk's department has, or had, a task on the case; the caller reads it with the case, in one read.
 * Reads only what the caller's role needs: nothing more for the enterprise, auditors and admins.
 */
export async function caseVerdict(
  deps: VisibilityDeps,
  principal: Principal,
  app: ApplicationRecord,
  hasTask: boolean,
): Promise<CaseVerdict> {
  const facts: CaseFacts = {
    taskDepartments: hasTask && principal.org ? new Set([principal.org]) : new Set(),
  };
  if (!isApplicationWorkflow(deps.registry.get(app.workflowId, app.workflowVersion))) {
    return { access: 'none', facts };
  }
  // Only a clerk with no task of its own on the case can be there as the enterprise's liaison.
  if (principal.role === 'clerk' && !hasTask)
    facts.liaison = (await liaisonOf(deps.db, app.applicant)) === principal.sub;
  if (principal.role === 'agent') {
    const held = await activeDelegationsHeldBy(deps.db, principal.sub, deps.now);
    facts.delegation = held.find((d) => coversCase(d, app, deps.registry)) ?? null;
  }
  return { access: caseAccess(principal, app, facts), facts };
}

/** The department whose tasks make a case visible to the caller: a clerk's own, nobody else's. */
export function taskDepartmentOf(principal: Principal): string | null {
  return principal.role === 'clerk' ? principal.org : null;
}

/** The SQL form: narrows a query on `applications` (unaliased) to the cases the caller may see. */
export async function whereVisible(
  query: Knex.QueryBuilder,
  deps: VisibilityDeps,
  principal: Principal,
): Promise<void> {
  const knex = deps.db.knex;
  query.whereNotIn('workflow_id', otherThanApplications(deps.registry));
  switch (principal.role) {
    case 'auditor':
    case 'admin':
      return;
    case 'expert':
      query.whereRaw('1 = 0');
      return;
    case 'applicant':
      query.where('applicant', principal.org);
      return;
    case 'clerk': {
      const liaisonFor = await enterprisesOfLiaison(deps.db, principal.sub);
      const ownTask = knex('tasks')
        .whereRaw('tasks.application_id = applications.id')
        .where('tasks.department', principal.org);
      // The EXISTS alone, when there is nobody to be liaison for: PostgreSQL then walks the list's index and
      // probes each case's tasks until the page is full, instead of hashing every task of the department first.
      if (liaisonFor.length) query.where((q) => q.whereExists(ownTask).orWhereIn('applicant', liaisonFor));
      else query.whereExists(ownTask);
      return;
    }
    case 'agent': {
      const held = await activeDelegationsHeldBy(deps.db, principal.sub, deps.now);
      query.where((q) => {
        q.whereRaw('1 = 0');
        for (const d of held) q.orWhere((c) => whereCovered(c, d, deps.registry));
      });
      return;
    }
  }
}

/** Workflows whose cases are agreements or licences, not applications: never a case of these routes. */
function otherThanApplications(registry: WorkflowRegistry): string[] {
  return registry
    .latest()
    .filter((d) => !isApplicationWorkflow(d))
    .map((d) => d.id);
}
