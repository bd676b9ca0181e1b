/**
 * Expert review (issue 15): the expert roster, the investment-project pre-review's routes (batches, the
 * seeded draw and its re-run, declarations and objections, sealed ballots), its observer and its figures.
 */
import type { Router } from 'express';
import type { HttpContext } from '../http/context.ts';
import { mountRoutes, type RouteDefinition } from '../openapi/define-route.ts';
import { BALLOT_ROUTES } from './ballot-routes.ts';
import { DRAW_ROUTES } from './draw-routes.ts';
import { FIGURES_ROUTES } from './figures-routes.ts';
import { REVIEW_ROUTES } from './review-routes.ts';
import { ROSTER_ROUTES } from './roster-routes.ts';
import { SEAT_ROUTES } from './seat-routes.ts';

export { reviewObserver, type ReviewObserverDeps } from './review-observer.ts';
export {
  reviewFigures,
  reviewMonth,
  reviewTotals,
  type ReviewFigures,
  type ReviewPeriod,
} from './figures.ts';
export { drawOrder, eligibleIds, DRAW_ALGORITHM } from './draw.ts';
export { decide } from './decision-rule.ts';

/** The roster's routes, mounted at /api/v1/experts. */
export const EXPERT_ROUTES: readonly RouteDefinition<HttpContext>[] = ROSTER_ROUTES;

/** The pre-review's routes, mounted at /api/v1/investment-reviews (the figures before `/{id}`). */
export const INVESTMENT_REVIEW_ROUTES: readonly RouteDefinition<HttpContext>[] = [
  ...FIGURES_ROUTES,
  ...REVIEW_ROUTES,
  ...DRAW_ROUTES,
  ...SEAT_ROUTES,
  ...BALLOT_ROUTES,
];

/** The roster router, behind authentication. */
export function expertsRouter(ctx: HttpContext): Router {
  return mountRoutes(ctx, EXPERT_ROUTES, { prefix: '/api/v1/experts' });
}

/** The pre-review router, behind authentication. */
export function investmentReviewsRouter(ctx: HttpContext): Router {
  return mountRoutes(ctx, INVESTMENT_REVIEW_ROUTES, { prefix: '/api/v1/investment-reviews' });
}
