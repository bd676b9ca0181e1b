/**
 * Every read and write of the expert-review tables (migration 015): the roster, the seats on reviews, the
 * sealed ballots. JSON lists are stored as text on both databases.
 */
import type { Knex } from 'knex';

/** A declared relation of an expert with an enterprise: a ground for recusal. */
export interface ExpertRelation {
  uscc: string;
  kind: 'former-employer' | 'consulted-for' | 'close-relative' | 'other';
  note?: string;
}

/** An expert of the roster. */
export interface Expert {
  id: string;
  name: string;
  fields: string[];
  employerUscc: string | null;
  relations: ExpertRelation[];
  status: 'active' | 'inactive';
  createdAt: string;
  updatedAt: string;
}

/** One seat on a review, as `review_seats` keeps it. */
export interface Seat {
  caseId: string;
  expertId: string;
  projectCode: string | null;
  seatedAt: string;
  declaredAt: string | null;
  leftAt: string | null;
  leftBecause: string | null;
}

type Db = Knex | Knex.Transaction;
const list = <T>(value: unknown): T[] => (typeof value === 'string' ? (JSON.parse(value) as T[]) : []);

function toExpert(row: Record<string, unknown>): Expert {
  return {
    id: String(row.id),
    name: String(row.name),
    fields: list<string>(row.fields),
    employerUscc: (row.employer_uscc as string | null) ?? null,
    relations: list<ExpertRelation>(row.relations),
    status: row.status === 'inactive' ? 'inactive' : 'active',
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
  };
}

function toSeat(row: Record<string, unknown>): Seat {
  return {
    caseId: String(row.case_id),
    expertId: String(row.expert_id),
    projectCode: (row.project_code as string | null) ?? null,
    seatedAt: String(row.seated_at),
    declaredAt: (row.declared_at as string | null) ?? null,
    leftAt: (row.left_at as string | null) ?? null,
    leftBecause: (row.left_because as string | null) ?? null,
  };
}

/** The expert with this id, or null. */
export async function findExpert(db: Db, id: string): Promise<Expert | null> {
  const row = await db('experts').where({ id }).first();
  return row ? toExpert(row) : null;
}

/** The roster in id order, optionally only the experts who may be drawn. */
export async function listExperts(db: Db, onlyActive = false): Promise<Expert[]> {
  const query = db('experts').orderBy('id');
  if (onlyActive) query.where({ status: 'active' });
  return (await query).map(toExpert);
}

/** Creates or replaces an expert's entry; true when it was created. */
export async function putExpert(
  db: Db,
  entry: Omit<Expert, 'createdAt' | 'updatedAt'>,
  at: string,
): Promise<boolean> {
  const row = {
    name: entry.name,
    fields: JSON.stringify(entry.fields),
    employer_uscc: entry.employerUscc,
    relations: JSON.stringify(entry.relations),
    status: entry.status,
    updated_at: at,
  };
  const changed = await db('experts').where({ id: entry.id }).update(row);
  if (changed > 0) return false;
  await db('experts').insert({ id: entry.id, ...row, created_at: at });
  return true;
}

/** Seats an expert on a review. */
export async function insertSeat(
  db: Db,
  seat: { caseId: string; expertId: string; projectCode: string | null; at: string },
): Promise<void> {
  await db('review_seats').insert({
    case_id: seat.caseId,
    expert_id: seat.expertId,
    project_code: seat.projectCode,
    seated_at: seat.at,
  });
}

/** The seats of a review, oldest first. */
export async function seatsOf(db: Db, caseId: string): Promise<Seat[]> {
  return (await db('review_seats').where({ case_id: caseId }).orderBy(['seated_at', 'expert_id'])).map(
    toSeat,
  );
}

/** An expert's seat on a review, or null. */
export async function seatOf(db: Db, caseId: string, expertId: string): Promise<Seat | null> {
  const row = await db('review_seats').where({ case_id: caseId, expert_id: expertId }).first();
  return row ? toSeat(row) : null;
}

/** Every seat an expert has held (their past engagements), newest first. */
export async function seatsOfExpert(db: Db, expertId: string): Promise<Seat[]> {
  return (await db('review_seats').where({ expert_id: expertId }).orderBy('seated_at', 'desc')).map(toSeat);
}

/** Experts who sat on another review of the same project code: not drawn again for it. */
export async function earlierReviewers(
  db: Db,
  projectCode: string | null,
  caseId: string,
): Promise<Set<string>> {
  if (!projectCode) return new Set();
  const rows = await db('review_seats')
    .where({ project_code: projectCode })
    .whereNot({ case_id: caseId })
    .select('expert_id');
  return new Set(rows.map((r: { expert_id: string }) => r.expert_id));
}

/** Records a member's declaration of no conflict. */
export async function markDeclared(db: Db, caseId: string, expertId: string, at: string): Promise<void> {
  await db('review_seats').where({ case_id: caseId, expert_id: expertId }).update({ declared_at: at });
}

/** Records that a member left the panel, and why (a declared conflict, an upheld objection). */
export async function markLeft(
  db: Db,
  caseId: string,
  expertId: string,
  at: string,
  because: string,
): Promise<void> {
  await db('review_seats')
    .where({ case_id: caseId, expert_id: expertId })
    .update({ left_at: at, left_because: because });
}

/** Stores a sealed ballot. */
export async function insertBallot(
  db: Db,
  ballot: { caseId: string; meeting: number; expertId: string; ballot: unknown; salt: string; at: string },
): Promise<void> {
  await db('review_ballots').insert({
    case_id: ballot.caseId,
    meeting: ballot.meeting,
    expert_id: ballot.expertId,
    ballot: JSON.stringify(ballot.ballot),
    salt: ballot.salt,
    cast_at: ballot.at,
  });
}

/** The ballots of one meeting, by expert id: read only to unseal them. */
export async function ballotsOf(
  db: Db,
  caseId: string,
  meeting: number,
): Promise<Array<{ expertId: string; ballot: Record<string, unknown>; salt: string; castAt: string }>> {
  const rows = await db('review_ballots').where({ case_id: caseId, meeting }).orderBy('expert_id');
  return rows.map((r: Record<string, unknown>) => ({
    expertId: String(r.expert_id),
    ballot: JSON.parse(String(r.ballot)) as Record<string, unknown>,
    salt: String(r.salt),
    castAt: String(r.cast_at),
  }));
}

/**
 * Seats a drawn panel: the review's earlier seats (a meeting without quorum) are left as `redrawn`, and each
 * drawn expert gets a fresh seat.
 */
export async function reseat(
  db: Db,
  caseId: string,
  panel: readonly string[],
  projectCode: string | null,
  at: string,
): Promise<void> {
  await db('review_seats')
    .where({ case_id: caseId })
    .whereNull('left_at')
    .update({ left_at: at, left_because: 'redrawn' });
  await db('review_seats').where({ case_id: caseId }).whereIn('expert_id', panel).delete();
  for (const expertId of panel) await insertSeat(db, { caseId, expertId, projectCode, at });
}
