import type { HttpContext } from '../http/context.ts';
import { forbidden, HttpError, validationFailed } from '../http/problem.ts';
import { actorOf, param, principalOf } from '../http/request.ts';
import { defineRoute, type RouteDefinition } from '../openapi/define-route.ts';
import { json, REPLAYABLE } from '../openapi/route-table.ts';
import { fieldError } from '../errors/index.ts';
import { nextReplacement, recordedDraws } from './draw-record.ts';
import { reachReview, requireOfficer, reviewContext } from './review-access.ts';
import { respondWithReview } from './review-answer.ts';
import { insertSeat, markDeclared, markLeft } from './store.ts';
import type { Knex } from 'knex';
import type { ApplicationRecord } from '../engine/records.ts';

const REVIEWS = '/api/v1/investment-reviews';

/** Seats the next pick of the current draw in place of `expert`; the event records both. */
async function replace(
  ctx: HttpContext,
  trx: Knex.Transaction,
  app: ApplicationRecord,
  expert: string,
  because: string,
): Promise<{ replacement: string; pick: number }> {
  const draws = await recordedDraws(trx, ctx.db.dialect, app.id);
  const current = draws[draws.length - 1];
  const next = current ? nextReplacement(current) : null;
  if (!current || !next) {
    throw new HttpError(409, 'roster-exhausted', 'roster-exhausted', {
      industry: reviewContext(app).industry ?? '',
    });
  }
  const at = ctx.clock.now().toISOString();
  await markLeft(trx, app.id, expert, at, because);
  await insertSeat(trx, {
    caseId: app.id,
    expertId: next.replacement,
    projectCode: current.draw.filters.projectCode,
    at,
  });
  return next;
}

const declare = defineRoute<HttpContext>({
  method: 'post',
  path: `${REVIEWS}/{id}/declaration`,
  operationId: 'declareOnReview',
  summary: 'Declare on a review (a seated expert)',
  description:
    'A seated expert, before anything else: `conflict: false` declares no conflict of interest and opens the dossier and the ballot to them (`DECLARED`); `conflict: true` with its ground recuses them and seats the next expert of the same draw (`RECUSED`, the replacement recorded). Once only (409 `expert-already-declared`).',
  tag: 'Expert review',
  access: 'bearer',
  idempotent: true,
  body: { schema: 'review-declaration', validation: 'parseBody' },
  responses: { 200: { description: 'The review.', content: json('investment-review'), headers: REPLAYABLE } },
  problems: [403, 404, 409, 422],
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    const reached = await reachReview(ctx, principal, param(req, 'id'));
    if (principal.role !== 'expert' || !reached.seat)
      throw forbidden('review-member-only', { act: 'declare' });
    const body = req.body as { conflict: boolean; ground?: string; note?: string };
    if (body.conflict && !body.ground) {
      throw validationFailed('event-incomplete', { event: 'RECUSED' }, [
        fieldError('/ground', 'recusal-ground'),
      ]);
    }
    if (reached.seat.declaredAt) throw new HttpError(409, 'event-not-allowed', 'expert-already-declared');
    const app = reached.app;
    await respondWithReview(ctx, req, res, async (commit) => {
      const { application } = await ctx.engine.send(
        {
          applicationId: app.id,
          event: {
            type: body.conflict ? 'RECUSED' : 'DECLARED',
            ...(body.note ? { comment: body.note } : {}),
            data: { expert: principal.sub, ...(body.conflict ? { ground: body.ground } : {}) },
          },
          actor: actorOf(principal),
        },
        async (trx) => {
          if (body.conflict) return replace(ctx, trx, app, principal.sub, 'recused');
          await markDeclared(trx, app.id, principal.sub, ctx.clock.now().toISOString());
          return {};
        },
        commit((result) => result.application.id),
      );
      return application;
    });
  },
});

const decideObjection = defineRoute<HttpContext>({
  method: 'post',
  path: `${REVIEWS}/{id}/objections/{expert}/decision`,
  operationId: 'decideReviewObjection',
  summary: "Decide the investor's objection to a member",
  description:
    'The review officer. Upheld: the member leaves the panel and the next expert of the same draw takes the seat (recorded on `OBJECTION_DECIDED`); dismissed: the member stays. 409 `no-objection-pending` when the investor has not objected to that member.',
  tag: 'Expert review',
  access: 'bearer',
  idempotent: true,
  body: { schema: 'review-objection-decision', validation: 'parseBody' },
  responses: { 200: { description: 'The review.', content: json('investment-review'), headers: REPLAYABLE } },
  problems: [403, 404, 409],
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    const { app } = await reachReview(ctx, principal, param(req, 'id'));
    requireOfficer(principal);
    const expert = param(req, 'expert');
    const body = req.body as { upheld: boolean; comment: string };
    if (!reviewContext(app).objections.includes(expert)) {
      throw new HttpError(409, 'event-not-allowed', 'no-objection-pending', { expert });
    }
    await respondWithReview(ctx, req, res, async (commit) => {
      const { application } = await ctx.engine.send(
        {
          applicationId: app.id,
          event: { type: 'OBJECTION_DECIDED', comment: body.comment, data: { expert, upheld: body.upheld } },
          actor: actorOf(principal),
        },
        async (trx) => (body.upheld ? replace(ctx, trx, app, expert, 'objection-upheld') : {}),
        commit((result) => result.application.id),
      );
      return application;
    });
  },
});

/** A member's declaration and the officer's decision on an objection. */
export const SEAT_ROUTES: readonly RouteDefinition<HttpContext>[] = [declare, decideObjection];
