/** Every read and write of the `ratings` table. */
import type { Knex } from 'knex';
import type { Database, EventStore } from '../db/index.ts';

/** A rating as stored, in the service's own terms. */
export interface RatingRecord {
  id: string;
  applicationId: string;
  workflowId: string;
  /** `case`, or the department whose decision is rated. */
  target: string;
  /** Attributed to this department and clerk (from the audit record of the result). */
  department: string;
  clerk: string | null;
  enterprise: string;
  /** The rater's `sub` (empty for a default rating): never shown to clerks or the public. */
  raterSub: string;
  raterRole: string;
  level: number;
  tags: string[];
  text: string | null;
  channel: number;
  isDefault: boolean;
  resultAt: string;
  ratedAt: string;
  followUpId: string | null;
  followUpStatus: string | null;
  followUpDueAt: string | null;
  rectifiedOnTime: boolean | null;
  followUpLevel: number | null;
  excluded: boolean;
  excludedAt: string | null;
  exclusionReason: string | null;
}

/** A new rating's columns. */
export type NewRating = Omit<
  RatingRecord,
  'rectifiedOnTime' | 'followUpLevel' | 'excluded' | 'excludedAt' | 'exclusionReason'
>;

/** Writes a rating; a second rating of the same target by the same rater breaks the unique key. */
export async function insertRating(knex: Knex | Knex.Transaction, rating: NewRating): Promise<void> {
  await knex('ratings').insert({
    id: rating.id,
    application_id: rating.applicationId,
    workflow_id: rating.workflowId,
    target: rating.target,
    department: rating.department,
    clerk: rating.clerk,
    enterprise: rating.enterprise,
    rater_sub: rating.raterSub,
    rater_role: rating.raterRole,
    level: rating.level,
    tags: JSON.stringify(rating.tags),
    text: rating.text,
    channel: rating.channel,
    is_default: rating.isDefault,
    result_at: rating.resultAt,
    rated_at: rating.ratedAt,
    follow_up_id: rating.followUpId,
    follow_up_status: rating.followUpStatus,
    follow_up_due_at: rating.followUpDueAt,
  });
}

/** The ratings of a case, oldest first. */
export async function ratingsOf(db: Database, applicationId: string): Promise<RatingRecord[]> {
  const rows = await db.knex('ratings').where('application_id', applicationId).orderBy(['rated_at', 'id']);
  return rows.map((row: Record<string, unknown>) => toRating(db, row));
}

/** The rating a follow-up case belongs to, or undefined. */
export async function ratingOfFollowUp(db: Database, followUpId: string): Promise<RatingRecord | undefined> {
  const row = await db.knex('ratings').where('follow_up_id', followUpId).first();
  return row ? toRating(db, row) : undefined;
}

/** Whether the target already has a rating by this rater (or a default one). */
export async function ratingExists(
  knex: Knex | Knex.Transaction,
  applicationId: string,
  target: string,
  raterSub: string,
): Promise<boolean> {
  const row = await knex('ratings')
    .where({ application_id: applicationId, target })
    .where((q) => q.where('rater_sub', raterSub).orWhere('is_default', true))
    .first('id');
  return row !== undefined;
}

/** What a follow-up event changes on its rating: the status, the answer on time, the rater's follow-up level. */
export interface FollowUpOutcome {
  followUpId: string;
  status: string;
  rectifiedOnTime: boolean | null;
  followUpLevel: number | null;
  /** Set when the supervisor excluded the rating. */
  excluded?: { at: string; reason: string | null };
}

/** Copies a follow-up's outcome onto its rating, in the transaction of the follow-up's event. */
export async function recordFollowUpOutcome(store: EventStore, outcome: FollowUpOutcome): Promise<void> {
  // Booleans are written as comparisons so that both databases store their own boolean.
  const onTime = outcome.rectifiedOnTime === null ? 'null' : `(${outcome.rectifiedOnTime ? 1 : 0} = 1)`;
  await store.query(
    `update ratings set follow_up_status = ?, rectified_on_time = ${onTime}, follow_up_level = ?
     where follow_up_id = ?`,
    [outcome.status, outcome.followUpLevel, outcome.followUpId],
  );
  if (outcome.excluded) {
    await store.query(
      'update ratings set excluded = (1 = 1), excluded_at = ?, exclusion_reason = ? where follow_up_id = ?',
      [outcome.excluded.at, outcome.excluded.reason, outcome.followUpId],
    );
  }
}

function toRating(db: Database, row: Record<string, unknown>): RatingRecord {
  const str = (value: unknown) => (value === null || value === undefined ? null : String(value));
  return {
    id: String(row.id),
    applicationId: String(row.application_id),
    workflowId: String(row.workflow_id),
    target: String(row.target),
    department: String(row.department),
    clerk: str(row.clerk),
    enterprise: String(row.enterprise),
    raterSub: String(row.rater_sub),
    raterRole: String(row.rater_role),
    level: Number(row.level),
    tags: JSON.parse(String(row.tags)) as string[],
    text: str(row.text),
    channel: Number(row.channel),
    isDefault: db.dialect.readBool(row.is_default),
    resultAt: String(row.result_at),
    ratedAt: String(row.rated_at),
    followUpId: str(row.follow_up_id),
    followUpStatus: str(row.follow_up_status),
    followUpDueAt: str(row.follow_up_due_at),
    rectifiedOnTime:
      row.rectified_on_time === null || row.rectified_on_time === undefined
        ? null
        : db.dialect.readBool(row.rectified_on_time),
    followUpLevel:
      row.follow_up_level === null || row.follow_up_level === undefined ? null : Number(row.follow_up_level),
    excluded: db.dialect.readBool(row.excluded),
    excludedAt: str(row.excluded_at),
    exclusionReason: str(row.exclusion_reason),
  };
}
