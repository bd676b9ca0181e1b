/**
 * The name of a project for messages and reports keyed by the project code only: the name the projects table
 * keeps (src/projects/store.ts), so that the plan, the battle map and GET /api/v1/projects/{code} print the
 * same one, and another enterprise's draft naming the code renames nothing.
 */
import type { Database } from '../db/index.ts';
import type { ProjectRef } from '../notifications/message.ts';
import { projectNamesOf } from '../projects/store.ts';

/** The project's stored name; the code stands in until a case names the project. */
export async function projectRef(db: Pick<Database, 'knex'>, code: string): Promise<ProjectRef> {
  const names = await projectNames(db, [code]);
  return { code, name: names.get(code) ?? code };
}

/** The names of several projects at once (codes without a stored project are left out). */
export function projectNames(
  db: Pick<Database, 'knex'>,
  codes: readonly string[],
): Promise<Map<string, string>> {
  return projectNamesOf(db, codes);
}
