/** The name of a project as its cases hold it, for messages and reports keyed by the project code only. */
import type { Database } from '../db/index.ts';
import type { ProjectRef } from '../notifications/message.ts';

/** The project's latest named case gives the name; the code stands in until a case names it. */
export async function projectRef(db: Pick<Database, 'knex'>, code: string): Promise<ProjectRef> {
  const names = await projectNames(db, [code]);
  return { code, name: names.get(code) ?? code };
}

/** The names of several projects at once (codes without a named case are left out). */
export async function projectNames(
  db: Pick<Database, 'knex'>,
  codes: readonly string[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (!codes.length) return names;
  const rows: Array<Record<string, unknown>> = await db
    .knex('applications')
    .whereIn('project_code', codes)
    .whereNotNull('project_name')
    .orderBy('created_at')
    .select('project_code', 'project_name');
  for (const r of rows) names.set(String(r.project_code), String(r.project_name));
  return names;
}
