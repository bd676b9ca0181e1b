/**
 * Where an investment pre-review stands, for its case page (`investmentReview` in GET /applications/:id): the
 * batch and its cut-off, the departments' positions, the panel as seated, the meetings and the decision with
 * its conditions. The investor reads its proposal there (it may object to a member before the meeting), so
 * nothing sealed is in it: no ballot, no vote, only how many meetings were held.
 */
import { investmentReviewConfig as config } from '../../db/seeds/investment-review.ts';
import type { ApplicationRecord } from '../engine/records.ts';
import type { HttpContext } from '../http/context.ts';
import { reviewContext, REVIEW_WORKFLOW } from './review-access.ts';
import { decisionDueAt } from './review-view.ts';
import { findExpert } from './store.ts';

/** The review's progress, or null for a case of another workflow (or a draft). */
export async function reviewProgress(ctx: HttpContext, app: ApplicationRecord) {
  if (app.workflowId !== REVIEW_WORKFLOW || app.status === 'draft') return null;
  const context = reviewContext(app);
  const panel = await Promise.all(
    context.panel.map(async (expert) => ({
      expert,
      name: (await findExpert(ctx.db.knex, expert))?.name ?? null,
      declared: context.declared.includes(expert),
      objection: context.objections.includes(expert),
    })),
  );
  return {
    batch: context.batch,
    cutOffAt: context.cutOffAt,
    decisionDueAt: decisionDueAt(ctx, context.cutOffAt),
    flags: context.flags,
    preReviewDepartments: [...config.preReviewDepartments],
    positions: context.positions,
    panel,
    meetings: context.meetings,
    outcome: context.outcome,
    conditions: context.conditions,
  };
}
