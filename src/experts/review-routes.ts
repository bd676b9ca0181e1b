import type { HttpContext } from '../http/context.ts';
import { forbidden, malformed } from '../http/problem.ts';
import { actorOf, param, principalOf, queryString } from '../http/request.ts';
import { defineRoute, type RouteDefinition } from '../openapi/define-route.ts';
import { itemsOf, json, REPLAYABLE } from '../openapi/route-table.ts';
import type { ApplicationRecord } from '../engine/records.ts';
import { isOfficer, reachReview, requireDeclared, requireOfficer, REVIEW_WORKFLOW } from './review-access.ts';
import { reviewSummary, reviewView } from './review-view.ts';
import { seatsOfExpert } from './store.ts';

const REVIEWS = '/api/v1/investment-reviews';
const BATCH = /^[0-9]{4}-(0[1-9]|1[0-2])$/;

const listReviews = defineRoute<HttpContext>({
  method: 'get',
  path: REVIEWS,
  operationId: 'listInvestmentReviews',
  summary: 'List investment reviews',
  description:
    'The review officer, auditors and administrators: every filed review, newest first, optionally of one `batch` (YYYY-MM) or `status`. An expert: the reviews on which they hold a seat, with what they need to declare on (applicant, project, industry) and whether they have declared.',
  tag: 'Expert review',
  access: 'bearer',
  query: [
    {
      name: 'batch',
      description: 'The batch, a month YYYY-MM.',
      schema: { type: 'string', pattern: BATCH.source },
    },
    { name: 'status', description: 'The case status.', schema: { type: 'string', maxLength: 30 } },
  ],
  responses: { 200: { description: 'The reviews.', content: json(itemsOf('investment-review-summary')) } },
  problems: [403],
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    const batch = queryString(req, 'batch');
    if (batch !== undefined && !BATCH.test(batch)) throw malformed('batch-format');
    const status = queryString(req, 'status');
    const reader = isOfficer(principal) || principal.role === 'auditor' || principal.role === 'admin';
    if (!reader && principal.role !== 'expert') throw forbidden('review-readers-only');
    const query = ctx.db
      .knex('applications as a')
      .join('investment_reviews as r', 'r.case_id', 'a.id')
      .where('a.workflow_id', REVIEW_WORKFLOW)
      .orderBy([
        { column: 'a.created_at', order: 'desc' },
        { column: 'a.id', order: 'desc' },
      ])
      .limit(500)
      .select('a.id');
    if (batch) query.where('r.batch', batch);
    if (status) query.where('a.status', status);
    const seats = principal.role === 'expert' ? await seatsOfExpert(ctx.db.knex, principal.sub) : [];
    if (principal.role === 'expert') {
      query.whereIn(
        'a.id',
        seats.filter((s) => !s.leftAt).map((s) => s.caseId),
      );
    }
    const ids = (await query).map((r: { id: string }) => r.id);
    const apps = (await Promise.all(ids.map((id) => ctx.engine.load(id)))).filter(
      (a): a is ApplicationRecord => a !== null,
    );
    const items = await Promise.all(
      apps.map((app) => reviewSummary(ctx, app, seats.find((s) => s.caseId === app.id && !s.leftAt) ?? null)),
    );
    res.json({ items });
  },
});

const getReview = defineRoute<HttpContext>({
  method: 'get',
  path: `${REVIEWS}/{id}`,
  operationId: 'getInvestmentReview',
  summary: 'Read an investment review',
  description:
    "The proposal (the dossier) with its entry-threshold flags, the departments' positions, the panel and the meeting. Ballots appear only once the meeting's last vote has opened them (`decisions`); until then only how many have voted. An expert reads only the reviews on which they sit, and only after declaring no conflict (403 `expert-declare-first`). The investor follows its proposal as a case under /api/v1/applications.",
  tag: 'Expert review',
  access: 'bearer',
  responses: { 200: { description: 'The review.', content: json('investment-review') } },
  problems: [403, 404],
  handler: (ctx) => async (req, res) => {
    const reached = await reachReview(ctx, principalOf(res), param(req, 'id'));
    requireDeclared(reached);
    res.json(await reviewView(ctx, reached.app, reached.seat));
  },
});

const closeBatch = defineRoute<HttpContext>({
  method: 'post',
  path: `${REVIEWS}/batches/{batch}/close`,
  operationId: 'closeReviewBatch',
  summary: "Close a month's batch before its cut-off",
  description:
    "The review officer. Every proposal of the batch still waiting for the cut-off moves on to the departments' pre-review now (`CLOSE_BATCH`), as the cut-off timer would at the end of the cut-off day.",
  tag: 'Expert review',
  access: 'bearer',
  idempotent: true,
  responses: {
    200: {
      description: 'The reviews the closure moved on.',
      content: json({
        type: 'object',
        required: ['batch', 'closed'],
        properties: { batch: { type: 'string' }, closed: { type: 'array', items: { type: 'string' } } },
      }),
      headers: REPLAYABLE,
    },
  },
  problems: [403],
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    const batch = param(req, 'batch');
    if (!BATCH.test(batch)) throw malformed('batch-format');
    requireOfficer(principal);
    const rows = await ctx.db
      .knex('applications as a')
      .join('investment_reviews as r', 'r.case_id', 'a.id')
      .where({ 'a.workflow_id': REVIEW_WORKFLOW, 'a.status': 'submitted', 'r.batch': batch })
      .orderBy('a.id')
      .select('a.id');
    const closed: string[] = [];
    for (const { id } of rows as Array<{ id: string }>) {
      await ctx.engine.send({ applicationId: id, event: { type: 'CLOSE_BATCH' }, actor: actorOf(principal) });
      closed.push(id);
    }
    res.json({ batch, closed });
  },
});

/** Reading reviews and closing a batch. */
export const REVIEW_ROUTES: readonly RouteDefinition<HttpContext>[] = [listReviews, closeBatch, getReview];
