/**
 * The credit register (信用记录) and approval on pledge (告知承诺制): records written by administrators and by a
 * pledge found false, their repair, the eligibility check at filing, and the verification after the issue.
 */
import type { RequestHandler, Router } from 'express';
import type { HttpContext } from '../http/context.ts';
import { mountRoutes, type RouteDefinition } from '../openapi/define-route.ts';
import { CREDIT_ROUTES } from './register-routes.ts';
import { PLEDGE_ROUTES } from './pledge-routes.ts';

export { ineligibleUntil } from './credit-rules.ts';
export { creditObserver } from './observer.ts';
export { pledgeText, type PledgeText } from './pledge-texts.ts';
export { excludesOn, listCreditRecords, type CreditRecord } from './store.ts';

/** Every route of the register and the pledge, for the OpenAPI document. */
export const CREDIT_AND_PLEDGE_ROUTES: readonly RouteDefinition<HttpContext>[] = [
  ...CREDIT_ROUTES,
  ...PLEDGE_ROUTES,
];

/** The register and the pledge's routes, mounted at `/api/v1`; the offer is public, the rest needs a caller. */
export function creditRouter(ctx: HttpContext, authenticate: RequestHandler): Router {
  return mountRoutes(ctx, CREDIT_AND_PLEDGE_ROUTES, { prefix: '/api/v1', authenticate });
}
