/**
 * Key projects (issue 16, items 3–8): a task force per project, a plan of milestones with baseline versions,
 * lights from configured rules, the issue list escalated by weekly dispatches, the rhythm's reports and the
 * battle map. Everything is keyed by the investment project code the cases store. The stores, rules and sweeps
 * sit a layer lower (docs/architecture.md, "Layers"); the routes are at the edge.
 */
import type { RequestHandler, Router } from 'express';
import type { HttpContext } from '../http/context.ts';
import { mountRoutes, type RouteDefinition } from '../openapi/define-route.ts';
import { ISSUE_ROUTES } from './routes/issue-routes.ts';
import { PLAN_ROUTES } from './routes/plan-routes.ts';
import { PROJECTS } from './routes/project-access.ts';
import { BATTLE_MAP_ROUTES, DISPATCH_ROUTES, PROJECT_REPORT_ROUTES } from './routes/rhythm-routes.ts';
import { TASK_FORCE_MEMBER_ROUTES } from './routes/task-force-routes.ts';

export { milestoneObserver } from './milestone-observer.ts';
export { sweepLights, type LightSweepDeps, type LightSweepResult } from './light-sweep.ts';
export { loadSupervisionRules, type SupervisionRules } from './supervision-rules.ts';

/** The routes under `/api/v1/projects/{code}/…`. */
export const TASK_FORCE_ROUTES: readonly RouteDefinition<HttpContext>[] = [
  ...TASK_FORCE_MEMBER_ROUTES,
  ...PLAN_ROUTES,
  ...ISSUE_ROUTES,
];
export { BATTLE_MAP_ROUTES, DISPATCH_ROUTES, PROJECT_REPORT_ROUTES };

/** Every router of the feature, each mounted at its prefix behind authentication. */
export function taskForceRouters(ctx: HttpContext, authenticate: RequestHandler): Array<[string, Router]> {
  return [
    [PROJECTS, mountRoutes(ctx, TASK_FORCE_ROUTES, { prefix: PROJECTS, authenticate })],
    ['/api/v1/dispatches', mountRoutes(ctx, DISPATCH_ROUTES, { prefix: '/api/v1/dispatches', authenticate })],
    [
      '/api/v1/battle-map',
      mountRoutes(ctx, BATTLE_MAP_ROUTES, { prefix: '/api/v1/battle-map', authenticate }),
    ],
    ['/api/v1/reports', mountRoutes(ctx, PROJECT_REPORT_ROUTES, { prefix: '/api/v1/reports', authenticate })],
  ];
}
