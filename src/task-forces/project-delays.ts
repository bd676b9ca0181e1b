/**
 * Where a project's time went (issue 16, item 5), from the figures stored on its cases: working days the
 * government spent on decided cases and those past the statutory limits (government-caused), apart from the
 * working days the clocks stood stopped waiting for the enterprise (enterprise-caused).
 */
import type { Database } from '../db/index.ts';
import type { WorkflowRegistry } from '../engine/registry.ts';

/** The workflows whose cases are a project's approvals: those of a stage (not licences, not agreements). */
export function stageWorkflows(registry: WorkflowRegistry): string[] {
  return registry
    .latest()
    .filter((d) => d.stages.length > 0)
    .map((d) => d.id);
}

/** The split of a project's time, over its accepted cases (a draft has spent nobody's time). */
export interface ProjectDelays {
  cases: number;
  decided: number;
  /** Net working days of the decided cases (the government's time). */
  governmentWorkingDays: number;
  /** Of those, working days beyond each case's statutory limit. */
  governmentOverLimitWorkingDays: number;
  /** Working days the clocks stood stopped (supplements, pledges: the enterprise's time). */
  enterpriseWorkingDays: number;
}

/** The split for each project code asked for (codes without cases answer zeros). */
export async function projectDelays(
  db: Database,
  codes: readonly string[],
  workflows: readonly string[],
): Promise<Map<string, ProjectDelays>> {
  const delays = new Map<string, ProjectDelays>();
  for (const code of codes) {
    delays.set(code, {
      cases: 0,
      decided: 0,
      governmentWorkingDays: 0,
      governmentOverLimitWorkingDays: 0,
      enterpriseWorkingDays: 0,
    });
  }
  if (!codes.length) return delays;
  const rows: Array<Record<string, unknown>> = await db
    .knex('applications')
    .whereIn('project_code', codes)
    .whereIn('workflow_id', workflows)
    .whereNotNull('accepted_at')
    .select('project_code', 'net_working_days', 'limit_working_days', 'stopped_working_days');
  for (const r of rows) {
    const d = delays.get(String(r.project_code))!;
    d.cases++;
    d.enterpriseWorkingDays += db.dialect.readNumber(r.stopped_working_days ?? 0);
    if (r.net_working_days === null || r.net_working_days === undefined) continue;
    const net = db.dialect.readNumber(r.net_working_days);
    d.decided++;
    d.governmentWorkingDays += net;
    if (r.limit_working_days !== null && r.limit_working_days !== undefined) {
      d.governmentOverLimitWorkingDays += Math.max(0, net - db.dialect.readNumber(r.limit_working_days));
    }
  }
  return delays;
}
