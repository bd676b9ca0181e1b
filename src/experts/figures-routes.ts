import type { HttpContext } from '../http/context.ts';
import { forbidden, malformed } from '../http/problem.ts';
import { principalOf, queryString } from '../http/request.ts';
import { defineRoute, type RouteDefinition } from '../openapi/define-route.ts';
import { json } from '../openapi/route-table.ts';
import { shanghaiDay, yearOfDay } from '../calendar/index.ts';
import { reviewFigures } from './figures.ts';

const reviewFiguresRoute = defineRoute<HttpContext>({
  method: 'get',
  path: '/api/v1/investment-reviews/figures',
  operationId: 'investmentReviewFigures',
  summary: 'Pre-review figures of a year',
  description:
    "Auditors and administrators. Reviews a panel decided in the year (by the month of the decision, Asia/Shanghai), passed (with or without conditions), rejected, the pass rate, the mean working days from the batch cut-off to the decision, each month's figures, and the reasons for rejection by industry. `year` defaults to this year.",
  tag: 'Expert review',
  access: 'bearer',
  query: [
    { name: 'year', description: 'The year, e.g. 2026.', schema: { type: 'string', pattern: '^[0-9]{4}$' } },
  ],
  responses: { 200: { description: 'The figures.', content: json('investment-review-figures') } },
  problems: [403],
  handler: (ctx) => async (req, res) => {
    const principal = principalOf(res);
    const raw = queryString(req, 'year');
    if (raw !== undefined && !/^(20[0-9]{2})$/.test(raw)) {
      throw malformed('not-a-year', { raw });
    }
    if (principal.role !== 'auditor' && principal.role !== 'admin') throw forbidden('review-figures-roles');
    const year = raw ? Number(raw) : yearOfDay(shanghaiDay(ctx.clock.now()));
    res.json(await reviewFigures(ctx.db, ctx.calendar, year));
  },
});

/** The auditors' figures. */
export const FIGURES_ROUTES: readonly RouteDefinition<HttpContext>[] = [reviewFiguresRoute];
