import type { Knex } from 'knex';
import type { Principal } from '../auth/principal.ts';
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

/** An enterprise's liaison as stored: who, named by whom, when. */
export interface LiaisonRow {
  enterprise: string;
  clerk: string;
  assigned_by: string;
  assigned_at: string;
}

/** Names (or renames) an enterprise's one-to-one liaison. */
export async function nameLiaison(db: Database, row: LiaisonRow): Promise<void> {
  await db.knex('liaisons').insert(row).onConflict('enterprise').merge();
}

/** The liaison row of an enterprise, if one is named. */
export async function liaisonRow(db: Database, enterprise: string): Promise<LiaisonRow | undefined> {
  return db.knex('liaisons').where({ enterprise }).first();
}

/**
 * Who sees an agreement: the enterprise its own; an agent the ones naming it, open requests naming nobody,
 * and the ones it holds; auditors and administrators all. Clerks have no part in it (null). The query joins
 * `applications as a` and `delegations as d`.
 */
export function delegationsVisibleTo(db: Database, principal: Principal) {
  const query = db.knex('applications as a').join('delegations as d', 'd.id', 'a.id');
  switch (principal.role) {
    case 'applicant':
      return query.where('d.enterprise', principal.org);
    case 'agent':
      return query.where((q) =>
        q
          .where('d.holder', principal.sub)
          .orWhere((c) => c.whereNull('d.holder').where('d.requested_agent', principal.sub))
          .orWhere((c) =>
            c.whereNull('d.holder').whereNull('d.requested_agent').where('a.status', 'requested'),
          ),
      );
    case 'auditor':
    case 'admin':
      return query;
    case 'clerk':
    case 'expert':
      return null;
  }
}

/** The agreement's own row (requested agent, holder, expiry). */
export async function delegationRow(db: Database, id: string): Promise<Record<string, any> | undefined> {
  return db.knex('delegations').where({ id }).first();
}

/** The terms of a new agreement, as its row stores them. */
export interface DelegationRowTerms {
  id: string;
  enterprise: string;
  requestedAgent: string | null;
  stages: Array<number | string> | null;
  applicationIds: string[] | null;
  expiresAt: string;
}

/** Writes a new agreement's row, in the transaction that creates its case. */
export async function insertDelegation(trx: Knex.Transaction, terms: DelegationRowTerms): Promise<void> {
  await trx('delegations').insert({
    id: terms.id,
    enterprise: terms.enterprise,
    requested_agent: terms.requestedAgent,
    holder: null,
    stages: terms.stages ? JSON.stringify(terms.stages) : null,
    application_ids: terms.applicationIds ? JSON.stringify(terms.applicationIds) : null,
    expires_at: terms.expiresAt,
  });
}

/** Records the agent who accepted an agreement, in the transaction of its `ACCEPT`. */
export async function setDelegationHolder(trx: Knex.Transaction, id: string, holder: string): Promise<void> {
  await trx('delegations').where({ id }).update({ holder });
}

/** The audit rows of acts an agent did in an enterprise's name since a moment (at most 500, oldest first). */
export async function actsInNameOf(
  db: Database,
  enterprise: string,
  agent: string,
  since: string,
): Promise<Record<string, unknown>[]> {
  return db
    .knex('audit_events')
    .where({ on_behalf_of: enterprise, actor_sub: agent })
    .where('at', '>=', since)
    .orderBy('id')
    .limit(500);
}
