import express, { type Express, type RequestHandler } from 'express';
import {
  adminImportRouter,
  adminOutboxRouter,
  adminTimersRouter,
  IMPORT_ROUTES,
  OUTBOX_ROUTES,
  TIMER_ROUTES,
} from './admin/index.ts';
import { applicationsRouter, CASE_ROUTES } from './cases/index.ts';
import type { Config } from './config.ts';
import { DELEGATION_ROUTES, delegationsRouter, LIAISON_ROUTES, liaisonRouter } from './delegations/index.ts';
import {
  ENTERPRISE_ROUTES,
  enterprisesRouter,
  PEOPLE_ROUTES,
  peopleRouter,
  recordCaller,
} from './directory/index.ts';
import {
  adminExchangeRouter,
  EXCHANGE_ADMIN_ROUTES,
  EXCHANGE_ROUTES,
  exchangeRouter,
} from './exchange/index.ts';
import {
  EXPERT_ROUTES,
  expertsRouter,
  INVESTMENT_REVIEW_ROUTES,
  investmentReviewsRouter,
} from './experts/index.ts';
import { FEE_ROUTES, feesRouter } from './fees/index.ts';
import { GUIDE_ROUTES, guideRouter } from './guide/index.ts';
import { INSPECTION_ROUTES, inspectionsRouter } from './inspections/index.ts';
import { NOTIFICATION_ROUTES, notificationsRouter } from './notifications/index.ts';
import { CATALOG_ROUTES, catalogRouter, MATERIAL_ROUTES, materialsRouter } from './materials/index.ts';
import { LICENCE_ROUTES, licencesRouter } from './licences/index.ts';
import { PROJECT_ROUTES, projectsRouter } from './projects/index.ts';
import { CREDIT_AND_PLEDGE_ROUTES, creditRouter } from './credit/index.ts';
import { TASK_ROUTES, tasksRouter } from './tasks/index.ts';
import {
  BATTLE_MAP_ROUTES,
  DISPATCH_ROUTES,
  PROJECT_REPORT_ROUTES,
  TASK_FORCE_ROUTES,
  taskForceRouters,
} from './task-forces/index.ts';
import {
  FIGURE_ROUTES,
  figuresRouter,
  FOLLOW_UP_ROUTES,
  followUpsRouter,
  RATING_ROUTES,
  ratingsRouter,
} from './ratings/index.ts';
import { consoleRouter } from './http/console.ts';
import { DEV_TOKEN_ROUTES, devTokenRouter } from './http/dev-token.ts';
import { DOCUMENTATION_ROUTES, openApiRouter, type RouteDoc } from './openapi/index.ts';
import { authenticate } from './http/authenticate.ts';
import { createRateLimits } from './http/rate-limits.ts';
import { refuseRepeatedFailures } from './http/refuse-repeated-failures.ts';
import type { HttpContext } from './http/context.ts';
import { errorHandler, unknownRoute } from './http/errors.ts';
import { HEALTH_ROUTES, healthRouter } from './http/health.ts';
import { PROMETHEUS_ROUTES, prometheusRouter, requestMetrics } from './http/prometheus.ts';
import {
  CALENDAR_ROUTES,
  calendarRouter,
  CHECKLIST_ROUTES,
  checklistRouter,
  WORKFLOW_ROUTES,
  workflowsRouter,
} from './reference/index.ts';
import { METRICS_ROUTES, metricsRouter, REPORT_ROUTES, reportsRouter } from './reports/index.ts';
import { requestLog } from './http/request-log.ts';
import { securityHeaderList, securityHeaders } from './http/security-headers.ts';
import { createPrometheus } from './metrics/prometheus.ts';
import { SIGN_IN_ROUTES, signInRouter, signInSessionRouter, type SignIn } from './sign-in/index.ts';

/**
 * Every route the app mounts, each defined once next to its handler; the OpenAPI document is built from this
 * list (in this order). A router of the app mounts exactly its feature's list.
 */
export const API_ROUTES: readonly RouteDoc[] = [
  ...HEALTH_ROUTES,
  ...PROMETHEUS_ROUTES,
  ...DOCUMENTATION_ROUTES,
  ...DEV_TOKEN_ROUTES,
  ...SIGN_IN_ROUTES,
  ...WORKFLOW_ROUTES,
  ...CATALOG_ROUTES,
  ...GUIDE_ROUTES,
  ...CASE_ROUTES,
  ...TASK_ROUTES,
  ...CHECKLIST_ROUTES,
  ...FEE_ROUTES,
  ...INSPECTION_ROUTES,
  ...MATERIAL_ROUTES,
  ...DELEGATION_ROUTES,
  ...LIAISON_ROUTES,
  ...ENTERPRISE_ROUTES,
  ...PEOPLE_ROUTES,
  ...LICENCE_ROUTES,
  ...PROJECT_ROUTES,
  ...CREDIT_AND_PLEDGE_ROUTES,
  ...RATING_ROUTES,
  ...FOLLOW_UP_ROUTES,
  ...FIGURE_ROUTES,
  ...METRICS_ROUTES,
  ...REPORT_ROUTES,
  ...EXCHANGE_ROUTES,
  ...PROJECT_REPORT_ROUTES,
  ...TASK_FORCE_ROUTES,
  ...DISPATCH_ROUTES,
  ...BATTLE_MAP_ROUTES,
  ...IMPORT_ROUTES,
  ...TIMER_ROUTES,
  ...OUTBOX_ROUTES,
  ...EXCHANGE_ADMIN_ROUTES,
  ...NOTIFICATION_ROUTES,
  ...CALENDAR_ROUTES,
  ...EXPERT_ROUTES,
  ...INVESTMENT_REVIEW_ROUTES,
];

/** What the app takes from the configuration: proxies, limits and the protection of `/metrics`. */
export type AppSettings = Pick<Config, 'trustProxy' | 'rateLimits' | 'metrics'>;

/** Builds the Express app from its parts; no `listen`, so tests mount it as it is. */
export function createApp(ctx: HttpContext, settings: AppSettings, signIn?: SignIn): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('trust proxy', settings.trustProxy);
  // Signing out is a form that ends at the provider's end-session endpoint: the CSP's form-action must allow it.
  const endSession = signIn?.provider.endSessionEndpoint;
  const formTargets = endSession ? [new URL(endSession).origin] : [];
  const prometheus = createPrometheus({ ...ctx, intervalSeconds: settings.metrics.intervalSeconds });
  const limits = createRateLimits(settings.rateLimits);
  // In front of Express: a flood of bad tokens from a refused address costs next to nothing (its answer is
  // built once, and counted and logged as the next three middlewares would). Probes and the scrape keep their
  // own tokens.
  refuseRepeatedFailures(app, {
    verify: ctx.verifyToken,
    limits,
    headers: securityHeaderList(formTargets),
    prometheus,
    logger: ctx.logger,
    exempt: [...HEALTH_ROUTES, ...PROMETHEUS_ROUTES].map((route) => route.path),
  });
  app.use(securityHeaders(formTargets));
  app.use(requestMetrics(prometheus));
  app.use(requestLog(ctx.logger));
  app.use(healthRouter(ctx));
  app.use(prometheusRouter(prometheus, settings.metrics.token, limits.failures));
  // The contract (GET /openapi.json) and its reference page (GET /docs), both public.
  app.use(openApiRouter(API_ROUTES));
  app.use('/api/v1/dev/token', devTokenRouter(ctx));
  // The console's sign-in through the identity provider (/auth/…): browser pages and redirects, not the API.
  app.use('/auth/session', signInSessionRouter(ctx));
  app.use(signInRouter(signIn, ctx.logger));
  // Authentication, then the caller's name and department into the directory (written only when new).
  const verified = authenticate(ctx.verifyToken, limits, ctx.sessions);
  const record = recordCaller(ctx);
  const auth: RequestHandler = (req, res, next) =>
    verified(req, res, (error?: unknown) => (error ? next(error) : record(req, res, next)));
  app.use('/api/v1/workflows/:id/materials', catalogRouter(ctx, auth));
  app.use('/api/v1/workflows', workflowsRouter(ctx));
  app.use('/api/v1/guide', guideRouter(ctx, limits.perAddress));
  app.use('/api/v1/checklist', checklistRouter(ctx, auth));
  app.use('/api/v1/calendar', calendarRouter(ctx, auth));
  app.use('/api/v1/applications/:id/fees', auth, feesRouter(ctx));
  app.use('/api/v1/applications/:id/inspections', auth, inspectionsRouter(ctx));
  app.use('/api/v1/applications/:id/materials', auth, materialsRouter(ctx));
  app.use('/api/v1/applications/:id/ratings', auth, ratingsRouter(ctx));
  app.use('/api/v1/applications', auth, applicationsRouter(ctx));
  app.use('/api/v1/tasks', auth, tasksRouter(ctx));
  app.use('/api/v1/delegations', auth, delegationsRouter(ctx));
  app.use('/api/v1/enterprises', auth, liaisonRouter(ctx), enterprisesRouter(ctx));
  app.use('/api/v1/people', auth, peopleRouter(ctx));
  // Verification is public (a bank, an inspector, a citizen); only events need a caller.
  app.use('/api/v1/licences', licencesRouter(ctx, auth));
  app.use('/api/v1/projects', auth, projectsRouter(ctx));
  // Approval on pledge and the credit register: the offer is public, the rest needs a caller.
  app.use('/api/v1', creditRouter(ctx, auth));
  app.use('/api/v1/rating-follow-ups', auth, followUpsRouter(ctx));
  // The published figures are public, like the guide: no identities, limited per address.
  app.use('/api/v1/ratings/figures', figuresRouter(ctx, limits.perAddress));
  app.use('/api/v1/metrics', auth, metricsRouter(ctx));
  app.use('/api/v1/reports', auth, reportsRouter(ctx));
  app.use('/api/v1/notifications', auth, notificationsRouter(ctx));
  app.use('/api/v1/exchange', auth, exchangeRouter(ctx));
  app.use(
    '/api/v1/admin',
    auth,
    adminImportRouter(ctx),
    adminTimersRouter(ctx),
    adminOutboxRouter(ctx),
    adminExchangeRouter(ctx),
  );
  app.use('/api/v1/experts', auth, expertsRouter(ctx));
  app.use('/api/v1/investment-reviews', auth, investmentReviewsRouter(ctx));
  // Key projects: task forces, plans, issues, dispatches, the battle map and the projects' reports.
  for (const [prefix, router] of taskForceRouters(ctx, auth)) app.use(prefix, router);
  // The web console at `/` (dist/console), after every service route so that it never shadows one.
  app.use(consoleRouter());
  app.use(unknownRoute);
  app.use(errorHandler(ctx.logger));
  return app;
}
