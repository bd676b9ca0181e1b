import type { RequestHandler, Router } from 'express';
import { dayToIso, shanghaiDay } from '../calendar/index.ts';
import { fieldError } from '../errors/index.ts';
import type { HttpContext } from '../http/context.ts';
import { malformed } from '../http/problem.ts';
import { queryString } from '../http/request.ts';
import { defineRoute, mountRoutes, type RouteDefinition } from '../openapi/define-route.ts';
import { json } from '../openapi/route-table.ts';
import { ratingFigures } from './figures.ts';

const FIGURES = '/api/v1/ratings/figures';
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

const getFigures = defineRoute<HttpContext>({
  method: 'get',
  path: FIGURES,
  operationId: 'getRatingFigures',
  summary: 'The published rating figures (好差评公示)',
  description:
    'Public, limited per client address (`RATE_LIMIT_PUBLIC`). Per department and per item (workflow) for a calendar month in Asia/Shanghai: ratings counted, satisfied (levels 1–2), neutral (3), bad (4–5), the satisfaction rate, bad ratings answered and rectified on time, and how many default and excluded ratings were left out. No identities: neither raters nor clerks.',
  tag: 'Ratings',
  access: 'public',
  query: [
    {
      name: 'month',
      description: 'YYYY-MM (Asia/Shanghai); the current month (to date) when absent.',
      schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$', examples: ['2026-03'] },
    },
  ],
  responses: { 200: { description: 'The figures of the month.', content: json('rating-figures') } },
  problems: [400, 429],
  handler: (ctx) => async (req, res) => {
    const month = queryString(req, 'month');
    if (month !== undefined && (!MONTH.test(month) || month < '2000-01')) {
      throw malformed('rating-month-invalid', {}, [fieldError('/query/month', 'rating-month-query')]);
    }
    const day = month ? `${month}-01` : dayToIso(shanghaiDay(ctx.clock.now().toISOString()));
    res.set('Cache-Control', 'no-store').json(await ratingFigures(ctx.db, ctx.registry, day));
  },
});

/** The public figures. */
export const FIGURE_ROUTES: readonly RouteDefinition<HttpContext>[] = [getFigures];

/** The router mounted at `/api/v1/ratings/figures`, behind the per-address limit of public routes. */
export function figuresRouter(ctx: HttpContext, perAddress: RequestHandler): Router {
  return mountRoutes(ctx, FIGURE_ROUTES, { prefix: FIGURES, use: [perAddress] });
}
