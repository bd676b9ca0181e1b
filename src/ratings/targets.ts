/**
 * What may be rated on a case, read from its audit record: the case as a whole once it is concluded, and each
 * department's decision (`APPROVE` or `DENY` by a clerk of that department) once made. Each is attributed to
 * the department and the clerk whose record made the result.
 */
import type { Database } from '../db/index.ts';

/** The events that are a department's decision on a case. */
export const DECISION_EVENTS: readonly string[] = ['APPROVE', 'DENY'];

/** The target of a rating of the case as a whole; a department's decision is rated under its code. */
export const CASE_TARGET = 'case';

/** One result that may be rated, with whom it is attributed to. */
export interface RatedResult {
  target: string;
  department: string;
  /** The clerk's `sub` and name from the audit record; null when no clerk made it (a timer, the enterprise). */
  clerk: string | null;
  clerkName: string | null;
  at: string;
}

/** The results of a case so far, keyed by target (`case`, or a department code). */
export async function resultsOf(
  db: Database,
  app: { id: string; concludedAt: string | null },
): Promise<Map<string, RatedResult>> {
  const rows: Array<Record<string, unknown>> = await db
    .knex('audit_events')
    .where('application_id', app.id)
    .orderBy('seq')
    .select('seq', 'type', 'at', 'actor_sub', 'actor_role', 'actor_org', 'actor_name');
  const results = new Map<string, RatedResult>();
  for (const row of rows) {
    if (row.actor_role === 'clerk' && DECISION_EVENTS.includes(String(row.type)) && row.actor_org) {
      const department = String(row.actor_org);
      results.set(department, attributed(department, department, row));
    }
  }
  const last = rows.at(-1);
  if (app.concludedAt && last) {
    // The case's result is the record that concluded it; without a clerk, the single window answers for it.
    const department = last.actor_role === 'clerk' && last.actor_org ? String(last.actor_org) : 'window';
    results.set(CASE_TARGET, attributed(CASE_TARGET, department, last));
  }
  return results;
}

function attributed(target: string, department: string, row: Record<string, unknown>): RatedResult {
  const byClerk = row.actor_role === 'clerk';
  return {
    target,
    department,
    clerk: byClerk ? String(row.actor_sub) : null,
    clerkName: byClerk && typeof row.actor_name === 'string' ? row.actor_name : null,
    at: String(row.at),
  };
}
