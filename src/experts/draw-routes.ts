import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { investmentReviewConfig as config } from '../../db/seeds/investment-review.ts';
import type { ApplicationRecord } from '../engine/records.ts';
import type { HttpContext } from '../http/context.ts';
import { forbidden, HttpError } from '../http/problem.ts';
import { actorOf, param, principalOf } from '../http/request.ts';
import { defineRoute, type RouteDefinition } from '../openapi/define-route.ts';
import { json, REPLAYABLE } from '../openapi/route-table.ts';
import { DRAW_ALGORITHM, drawOrder, eligibleIds, type DrawFilters, type RosterEntry } from './draw.ts';
import { recordedDraws, rerun, type DrawData } from './draw-record.ts';
import { isOfficer, reachReview, requireOfficer, reviewContext } from './review-access.ts';
import { reviewView } from './review-view.ts';
import { earlierReviewers, listExperts, reseat } from './store.ts';

const REVIEWS = '/api/v1/investment-reviews';

/** The roster as the draw sees it for this applicant and project, and the draw itself. */
async function computeDraw(trx: Knex.Transaction, app: ApplicationRecord, seed: string): Promise<DrawData> {
  const projectCode = typeof app.project.code === 'string' ? app.project.code : null;
  const earlier = await earlierReviewers(trx, projectCode, app.id);
  const roster: RosterEntry[] = (await listExperts(trx, true)).map((e) => ({
    id: e.id,
    fields: e.fields,
    relatedToApplicant: e.employerUscc === app.applicant || e.relations.some((r) => r.uscc === app.applicant),
    earlierReviewOfProject: earlier.has(e.id),
  }));
  const filters: DrawFilters = {
    industry: reviewContext(app).industry ?? '',
    applicant: app.applicant,
    projectCode,
  };
  const eligible = eligibleIds(roster, filters);
  const panel = drawOrder(seed, eligible, config.panel.size);
  if (panel.length < config.panel.size) {
    throw new HttpError(409, 'roster-exhausted', 'roster-exhausted', { industry: filters.industry });
  }
  return { seed, algorithm: DRAW_ALGORITHM, size: config.panel.size, filters, roster, eligible, panel };
}

const drawPanel = defineRoute<HttpContext>({
  method: 'post',
  path: `${REVIEWS}/{id}/draw`,
  operationId: 'drawReviewPanel',
  summary: 'Draw the panel of a review',
  description:
    "The review officer, once the departments' pre-review is complete. Draws the configured number of experts from the eligible roster (the proposal's industry among their fields, no relation with the applicant, not on an earlier review of the same project code) by the seeded algorithm of docs/domain.md, seats them and records the seed, the roster snapshot, the filters and the panel on the case's record (`PANEL_DRAWN`). 409 `roster-exhausted` when too few experts are eligible.",
  tag: 'Expert review',
  access: 'bearer',
  idempotent: true,
  body: { schema: 'review-draw', validation: 'parseBody', required: false },
  responses: {
    200: {
      description: 'The review with its panel.',
      content: json('investment-review'),
      headers: REPLAYABLE,
    },
  },
  problems: [403, 404, 409],
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    const { app } = await reachReview(ctx, principal, param(req, 'id'));
    requireOfficer(principal);
    const seed = (req.body as { seed?: string } | undefined)?.seed ?? randomBytes(32).toString('hex');
    await ctx.idempotency.respond(req, res, {
      replay: async (id: string) => ({
        status: 200,
        body: await reviewView(ctx, (await ctx.engine.load(id))!, null),
      }),
      work: async (commit) => {
        const { application } = await ctx.engine.send(
          { applicationId: app.id, event: { type: 'PANEL_DRAWN' }, actor: actorOf(principal) },
          async (trx) => {
            const draw = await computeDraw(trx, app, seed);
            const at = ctx.clock.now().toISOString();
            await reseat(trx, app.id, draw.panel, draw.filters.projectCode, at);
            return draw as unknown as Record<string, unknown>;
          },
          commit((result) => result.application.id),
        );
        return { status: 200, body: await reviewView(ctx, application, null) };
      },
    });
  },
});

const checkDraw = defineRoute<HttpContext>({
  method: 'get',
  path: `${REVIEWS}/{id}/draw`,
  operationId: 'checkReviewDraw',
  summary: 'Re-run the draws of a review',
  description:
    "Auditors, administrators and the review officer. Reads every draw of the review from the case's record (seed, roster snapshot, filters, panel, replacements), recomputes the eligible list, the panel and each replacement by the published algorithm, and says whether each matches what was recorded.",
  tag: 'Expert review',
  access: 'bearer',
  responses: {
    200: { description: 'The recorded draws and their re-runs.', content: json('draw-verification') },
  },
  problems: [403, 404],
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    const { app } = await reachReview(ctx, principal, param(req, 'id'));
    if (!(isOfficer(principal) || principal.role === 'auditor' || principal.role === 'admin')) {
      throw forbidden('review-readers-only');
    }
    const draws = (await recordedDraws(ctx.db.knex, ctx.db.dialect, app.id)).map((recorded) => ({
      ...recorded,
      recomputed: rerun(recorded),
    }));
    res.json({
      id: app.id,
      algorithm: DRAW_ALGORITHM,
      draws,
      matches: draws.every((d) => d.recomputed.matches),
    });
  },
});

/** The draw and its re-run. */
export const DRAW_ROUTES: readonly RouteDefinition<HttpContext>[] = [drawPanel, checkDraw];
