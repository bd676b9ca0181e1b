/**
 * An investment review as the review routes answer it: the proposal and its flags, the departments'
 * positions, the panel and the meeting. Ballots appear only once the meeting's last vote has unsealed them;
 * before that only how many members have voted.
 */
import { investmentReviewConfig as config } from '../../db/seeds/investment-review.ts';
import { enterpriseNames } from '../directory/store.ts';
import type { ApplicationRecord } from '../engine/records.ts';
import { toAudit } from '../engine/records.ts';
import type { HttpContext } from '../http/context.ts';
import { reviewContext } from './review-access.ts';
import { findExpert, seatsOf, type Seat } from './store.ts';

/** The unsealed decisions of a review's meetings (the data of each vote or absence that ended one). */
export async function decisionsOf(ctx: HttpContext, caseId: string): Promise<Array<Record<string, unknown>>> {
  const rows = await ctx.db
    .knex('audit_events')
    .where({ application_id: caseId })
    .whereIn('type', ['VOTE', 'ABSENT'])
    .orderBy('seq');
  return rows
    .map((row) => toAudit(row, ctx.db.dialect))
    .filter((r) => typeof (r.data as Record<string, unknown> | null)?.outcome === 'string')
    .map((r) => ({ seq: r.seq, at: r.at, ...(r.data as Record<string, unknown>) }));
}

/** The decision due date: the configured working days after the batch cut-off. */
export function decisionDueAt(ctx: HttpContext, cutOffAt: string | null): string | null {
  if (!cutOffAt) return null;
  try {
    return ctx.calendar.dueAt(cutOffAt, config.decisionWorkingDays).toISOString();
  } catch {
    return null;
  }
}

/** A summary line for lists: an expert's list shows what they need to declare on. */
export async function reviewSummary(ctx: HttpContext, app: ApplicationRecord, seat: Seat | null) {
  const context = reviewContext(app);
  const names = await enterpriseNames(ctx.db, [app.applicant]);
  return {
    id: app.id,
    applicant: app.applicant,
    applicantName: names.get(app.applicant) ?? null,
    project: { name: String(app.project.name ?? ''), code: (app.project.code as string | undefined) ?? null },
    status: app.status,
    batch: context.batch,
    industry: context.industry,
    flags: context.flags,
    seat: seat ? { seatedAt: seat.seatedAt, declaredAt: seat.declaredAt } : null,
  };
}

/** The whole review; `seat` is the caller's own when they are an expert (who has declared: see review-access). */
export async function reviewView(ctx: HttpContext, app: ApplicationRecord, seat: Seat | null) {
  const context = reviewContext(app);
  const seats = await seatsOf(ctx.db.knex, app.id);
  const current = context.panel.map((expert) => seats.find((s) => s.expertId === expert));
  const panel = await Promise.all(
    context.panel.map(async (expert, i) => ({
      expert,
      name: (await findExpert(ctx.db.knex, expert))?.name ?? null,
      declared: Boolean(current[i]?.declaredAt),
      objection: context.objections.includes(expert),
      absent: context.absent.includes(expert),
      voted: context.voted.includes(expert),
    })),
  );
  const present = context.panel.filter((e) => !context.absent.includes(e));
  const decisions = await decisionsOf(ctx, app.id);
  return {
    ...(await reviewSummary(ctx, app, seat)),
    form: app.form,
    cutOffAt: context.cutOffAt,
    decisionDueAt: decisionDueAt(ctx, context.cutOffAt),
    preReviewDepartments: [...config.preReviewDepartments],
    positions: context.positions,
    panel,
    left: await Promise.all(
      seats
        .filter((s) => s.leftAt)
        .map(async (s) => ({
          expert: s.expertId,
          name: (await findExpert(ctx.db.knex, s.expertId))?.name ?? null,
          leftAt: s.leftAt,
          because: s.leftBecause,
        })),
    ),
    meeting:
      context.meetings > 0
        ? {
            number: context.meetings,
            present: present.length,
            voted: context.voted.length,
            absent: context.absent,
            sealed: !decisions.some((d) => d.meeting === context.meetings),
          }
        : null,
    outcome: context.outcome,
    conditions: context.conditions,
    decisions,
    scoreSheet: {
      gates: [...config.gates],
      weights: { ...config.weights },
      rejectionReasons: [...config.rejectionReasons],
    },
  };
}
