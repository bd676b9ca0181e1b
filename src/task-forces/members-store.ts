/** Every read and write of `task_force_members`: who carries a project (专班) and in which role. */
import type { Knex } from 'knex';
import type { Database } from '../db/index.ts';

/** The roles of a task force (五合一: responsible leader, lead unit, resident officer, enterprise, site). */
export const MEMBER_ROLES = [
  'responsible-leader',
  'lead-unit',
  'resident-officer',
  'enterprise-contact',
  'site-lead',
] as const;

/** One role of {@link MEMBER_ROLES}. */
export type MemberRole = (typeof MEMBER_ROLES)[number];

/**
 * A member: a user (`sub`) for the leader and the resident officer, a department code (`org`) for the lead
 * unit, the enterprise's USCC (`org`) for its contact; anyone may carry a phone for the alerts.
 */
export interface Member {
  role: MemberRole;
  name: string;
  sub: string | null;
  org: string | null;
  phone: string | null;
}

type Row = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** The members of a project's task force, by role then name. */
export async function membersOf(db: { knex: Knex | Knex.Transaction }, code: string): Promise<Member[]> {
  const rows: Row[] = await db.knex('task_force_members').where({ project_code: code }).orderBy('id');
  return rows.map((r) => ({
    role: r.role as MemberRole,
    name: String(r.name),
    sub: str(r.sub),
    org: str(r.org),
    phone: str(r.phone),
  }));
}

/** Replaces the whole task force of a project in one transaction. */
export async function replaceMembers(
  db: Database,
  code: string,
  members: readonly Member[],
  by: string,
  at: string,
): Promise<void> {
  await db.knex.transaction(async (trx) => {
    await trx('task_force_members').where({ project_code: code }).delete();
    for (const m of members) {
      await trx('task_force_members').insert({
        project_code: code,
        role: m.role,
        name: m.name,
        sub: m.sub,
        org: m.org,
        phone: m.phone,
        added_at: at,
        added_by: by,
      });
    }
  });
}

/** The projects where a user is a member, or where a department is the lead unit. */
export async function projectsOfMember(db: Database, who: { sub: string; department: string | null }) {
  const rows: Row[] = await db
    .knex('task_force_members')
    .where('sub', who.sub)
    .modify((q) => {
      if (who.department) q.orWhere((o) => o.where({ role: 'lead-unit', org: who.department }));
    })
    .distinct('project_code');
  return rows.map((r) => String(r.project_code));
}
