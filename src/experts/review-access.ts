/**
 * Who may read or act on an investment review through /api/v1/investment-reviews: the review officer (a clerk
 * of the configured department), auditors and administrators read every review; an expert only the reviews
 * on which they hold a seat, and the dossier only after declaring no conflict. A review the caller may not
 * see is 404, as cases are.
 */
import type { Knex } from 'knex';
import { investmentReviewConfig as config } from '../../db/seeds/investment-review.ts';
import type { ColumnReader } from '../db/index.ts';
import type { Principal } from '../auth/principal.ts';
import type { ApplicationRecord } from '../engine/records.ts';
import type { InvestmentReviewContext } from '../../workflows/investment-review.ts';
import type { HttpContext } from '../http/context.ts';
import { forbidden, notFound } from '../http/problem.ts';
import { seatOf, type Seat } from './store.ts';

/** The workflow whose cases these routes serve. */
export const REVIEW_WORKFLOW = 'investment-review';

/** Whether the caller is the review officer. */
export function isOfficer(principal: Principal): boolean {
  return principal.role === 'clerk' && principal.org === config.officerDepartment;
}

/** Refuses (403) anyone but the review officer. */
export function requireOfficer(principal: Principal): void {
  if (!isOfficer(principal)) throw forbidden('review-officer-only', { department: config.officerDepartment });
}

/** The machine's context of a review. */
export function reviewContext(app: ApplicationRecord): InvestmentReviewContext {
  return (app.snapshot as { context: InvestmentReviewContext }).context;
}

/** The context as the case row holds it inside the event's transaction (after the case lock: no stale read). */
export async function lockedContext(
  trx: Knex.Transaction,
  reader: ColumnReader,
  id: string,
): Promise<InvestmentReviewContext> {
  const row = await trx('applications').where({ id }).first('snapshot');
  return (reader.readJson(row.snapshot) as { context: InvestmentReviewContext }).context;
}

/** A review as the caller may reach it: the case, and the caller's seat when they are an expert. */
export interface ReachedReview {
  app: ApplicationRecord;
  seat: Seat | null;
}

/**
 * Loads a review the caller may reach, or answers 404 (no such review, or one they may not see) or 403 (an
 * enterprise's own review, which it follows as a case under /api/v1/applications).
 */
export async function reachReview(
  ctx: HttpContext,
  principal: Principal,
  id: string,
): Promise<ReachedReview> {
  const app = await ctx.engine.load(id);
  if (!app || app.workflowId !== REVIEW_WORKFLOW || app.status === 'draft') {
    throw notFound('review-not-found', { id });
  }
  switch (principal.role) {
    case 'auditor':
    case 'admin':
      return { app, seat: null };
    case 'clerk':
      if (isOfficer(principal)) return { app, seat: null };
      throw forbidden('review-readers-only');
    case 'expert': {
      const seat = await seatOf(ctx.db.knex, id, principal.sub);
      if (!seat || seat.leftAt) throw notFound('review-not-found', { id });
      return { app, seat };
    }
    case 'applicant':
    case 'agent':
      if (principal.role === 'applicant' && principal.org === app.applicant)
        throw forbidden('review-readers-only');
      throw notFound('review-not-found', { id });
  }
}

/** Refuses (403) an expert who has not yet declared on this review. */
export function requireDeclared(reached: ReachedReview): void {
  if (reached.seat && !reached.seat.declaredAt) throw forbidden('expert-declare-first');
}
