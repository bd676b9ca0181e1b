/**
 * Conditions carry forward (issue 15, item 5): the conditions of a project's passed pre-review are listed on the
 * project's later cases (permits, the joint completion acceptance) as items to confirm.
 */
import type { Database } from '../db/index.ts';

/** A passed pre-review's conditions, as a later case of the same project lists them. */
export interface CarriedConditions {
  review: string;
  decidedAt: string;
  conditions: string[];
}

/** The conditions of the passed pre-reviews of this project code (other than `caseId` itself), oldest first. */
export async function carriedConditions(
  db: Database,
  projectCode: unknown,
  caseId: string,
): Promise<CarriedConditions[]> {
  if (typeof projectCode !== 'string' || !projectCode) return [];
  const rows = await db
    .knex('investment_reviews')
    .where({ project_code: projectCode })
    .whereIn('outcome', ['passed', 'passed-with-conditions'])
    .whereNot({ case_id: caseId })
    .orderBy('decided_at');
  return rows
    .map((r: Record<string, unknown>) => ({
      review: String(r.case_id),
      decidedAt: String(r.decided_at),
      conditions: typeof r.conditions === 'string' ? (JSON.parse(r.conditions) as string[]) : [],
    }))
    .filter((c) => c.conditions.length > 0);
}
