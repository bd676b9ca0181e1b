import type { Knex } from 'knex';
import type { WorkflowRegistry } from '../engine/registry.ts';

/** An active agreement as the permission policy sees it. */
export interface ActiveDelegation {
  id: string;
  enterprise: string;
  holder: string;
  /** Stage numbers or workflow ids; null covers every stage. */
  stages: Array<number | string> | null;
  /** Application ids; null covers every case. */
  applicationIds: string[] | null;
  expiresAt: string;
}

/**
 * Whether an agreement covers a case (docs/api.md, proxy handling): the enterprise's own case, and — when the
 * agreement names stages or applications — a workflow whose stages meet the named ones, or a named case.
 * With neither, it covers all of the enterprise's cases.
 */
export function coversCase(
  delegation: ActiveDelegation,
  app: { id: string; applicant: string; workflowId: string },
  registry: WorkflowRegistry,
): boolean {
  if (delegation.enterprise !== app.applicant) return false;
  if (!delegation.stages && !delegation.applicationIds) return true;
  if (delegation.applicationIds?.includes(app.id)) return true;
  return coversWorkflow(delegation, app.workflowId, registry);
}

/** Whether an agreement's stages reach a workflow (for filing a new case on the enterprise's behalf). */
export function coversWorkflow(
  delegation: ActiveDelegation,
  workflowId: string,
  registry: WorkflowRegistry,
): boolean {
  if (!delegation.stages && !delegation.applicationIds) return true;
  if (!delegation.stages || !registry.has(workflowId)) return false;
  const { stages } = registry.get(workflowId);
  return delegation.stages.some((s) => s === workflowId || (typeof s === 'number' && stages.includes(s)));
}

/**
 * The SQL form of {@link coversCase}, for lists: narrows a query on `applications` to the cases the agreement
 * covers. The workflows its stages reach are read from the registry, as `coversWorkflow` does.
 */
export function whereCovered(
  query: Knex.QueryBuilder,
  delegation: ActiveDelegation,
  registry: WorkflowRegistry,
): void {
  query.where('applicant', delegation.enterprise);
  if (!delegation.stages && !delegation.applicationIds) return;
  const workflows = registry
    .latest()
    .filter((def) => coversWorkflow({ ...delegation, applicationIds: null }, def.id, registry))
    .map((def) => def.id);
  query.where((c) =>
    c
      .whereIn('workflow_id', delegation.stages ? workflows : [])
      .orWhereIn('applications.id', delegation.applicationIds ?? []),
  );
}
