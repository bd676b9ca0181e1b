import type { Database } from '../db/index.ts';
import type { ActiveDelegation } from './scope.ts';

/**
 * The agreements an agent holds that are active at this moment: read from the database on every request (no
 * cache), and an agreement past its expiry counts as ended even before its timer has fired.
 */
export async function activeDelegationsHeldBy(
  db: Database,
  agent: string,
  now: Date,
): Promise<ActiveDelegation[]> {
  const rows = await db
    .knex('delegations as d')
    .join('applications as a', 'a.id', 'd.id')
    .where('d.holder', agent)
    .where('a.status', 'active')
    .where('d.expires_at', '>', now.toISOString())
    .select('d.*');
  return rows.map((row) => ({
    id: String(row.id),
    enterprise: String(row.enterprise),
    holder: String(row.holder),
    stages: db.dialect.readJson<Array<number | string> | null>(row.stages),
    applicationIds: db.dialect.readJson<string[] | null>(row.application_ids),
    expiresAt: String(row.expires_at),
  }));
}

/** The clerk named as an enterprise's one-to-one liaison, if any. */
export async function liaisonOf(db: Database, enterprise: string): Promise<string | null> {
  const row = await db.knex('liaisons').where({ enterprise }).first('clerk');
  return row ? String(row.clerk) : null;
}

/** The enterprises a clerk is liaison for. */
export async function enterprisesOfLiaison(db: Database, clerk: string): Promise<string[]> {
  const rows = await db.knex('liaisons').where({ clerk }).select('enterprise');
  return rows.map((r: { enterprise: string }) => r.enterprise);
}
