/**
 * Every read and write of the `projects` table: a project is known by its investment project code, named by the
 * enterprise that first filed a case for it; its type decides its target (targets.ts).
 */
import type { Database, EventStore } from '../db/index.ts';

/** A project as stored. */
export interface ProjectRecord {
  id: number;
  code: string;
  name: string;
  projectType: string | null;
  enterprise: string;
  regionCode: string | null;
  firstSeenAt: string;
  updatedAt: string;
}

const str = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/** A row of `projects` as a record. */
export function toProject(row: Record<string, unknown>): ProjectRecord {
  return {
    id: Number(row.id),
    code: String(row.code),
    name: String(row.name),
    projectType: str(row.project_type),
    enterprise: String(row.enterprise),
    regionCode: str(row.region_code),
    firstSeenAt: String(row.first_seen_at),
    updatedAt: String(row.updated_at),
  };
}

/** What a case tells of its project. `declaredType` is a type the form states outright (stage 1's form). */
export interface ProjectSighting {
  code: string;
  name: string;
  enterprise: string;
  regionCode: string | null;
  /** A type the form implies (its main use): kept only while the project has none. */
  impliedType: string | null;
  /** A type the form states: it wins over an implied one. */
  declaredType: string | null;
  at: string;
}

/**
 * Creates the project or brings it up to date, in the event's transaction. Only the enterprise that first named
 * the project renames it or declares its type over the stored one; an implied type only fills a gap.
 */
export async function noteProject(store: Pick<EventStore, 'query'>, seen: ProjectSighting): Promise<void> {
  const type = seen.declaredType ?? seen.impliedType;
  await store.query(
    `insert into projects (code, name, project_type, enterprise, region_code, first_seen_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?)
     on conflict (code) do update set
       name = case when projects.enterprise = excluded.enterprise then excluded.name else projects.name end,
       project_type = case when ? = 1 and projects.enterprise = excluded.enterprise then excluded.project_type
         else coalesce(projects.project_type, excluded.project_type) end,
       region_code = coalesce(projects.region_code, excluded.region_code),
       updated_at = excluded.updated_at`,
    [
      seen.code,
      seen.name,
      type,
      seen.enterprise,
      seen.regionCode,
      seen.at,
      seen.at,
      seen.declaredType ? 1 : 0,
    ],
  );
}

/** The project of a code, or null. */
export async function projectByCode(db: Database, code: string): Promise<ProjectRecord | null> {
  const row = await db.knex('projects').where({ code }).first();
  return row ? toProject(row) : null;
}

/**
 * The names of several projects at once, as the projects table keeps them (only the enterprise that first named
 * a project renames it): what the task forces' plans, reports and messages print. Codes not stored are left out.
 */
export async function projectNamesOf(
  db: Pick<Database, 'knex'>,
  codes: readonly string[],
): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const rows: Array<{ code: string; name: string }> = await db
    .knex('projects')
    .whereIn('code', codes)
    .select('code', 'name');
  return new Map(rows.map((r) => [String(r.code), String(r.name)]));
}
