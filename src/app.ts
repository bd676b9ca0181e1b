import express, { type Express } from 'express';
import { adminImportRouter, adminTimersRouter } from './admin/index.ts';
import { applicationsRouter } from './cases/index.ts';
import type { Config } from './config.ts';
import { delegationsRouter, liaisonRouter } from './delegations/index.ts';
import { feesRouter } from './fees/index.ts';
import { inspectionsRouter } from './inspections/index.ts';
import { tasksRouter } from './tasks/index.ts';
import { consoleRouter } from './http/console.ts';
import { devTokenRouter } from './http/dev-token.ts';
import { openApiRouter } from './openapi/index.ts';
import { authenticate, refuseRepeatedFailures } from './http/authenticate.ts';
import { createRateLimits } from './http/rate-limits.ts';
import type { HttpContext } from './http/context.ts';
import { errorHandler, unknownRoute } from './http/errors.ts';
import { healthRouter } from './http/health.ts';
import { prometheusRouter, requestMetrics } from './http/prometheus.ts';
import { calendarRouter, checklistRouter, workflowsRouter } from './reference/index.ts';
import { metricsRouter, reportsRouter } from './reports/index.ts';
import { requestLog } from './http/request-log.ts';
import { securityHeaders } from './http/security-headers.ts';
import { createPrometheus } from './metrics/prometheus.ts';

/** What the app takes from the configuration: proxies, limits and the protection of `/metrics`. */
export type AppSettings = Pick<Config, 'trustProxy' | 'rateLimits' | 'metrics'>;

/** Builds the Express app from its parts; no `listen`, so tests mount it as it is. */
export function createApp(ctx: HttpContext, settings: AppSettings): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('trust proxy', settings.trustProxy);
  app.use(securityHeaders());
  const prometheus = createPrometheus({ ...ctx, intervalSeconds: settings.metrics.intervalSeconds });
  app.use(requestMetrics(prometheus));
  app.use(requestLog(ctx.logger));
  app.use(healthRouter(ctx));
  const limits = createRateLimits(settings.rateLimits);
  app.use(prometheusRouter(prometheus, settings.metrics.token, limits.failures));
  // Before the routers and body parsers: a flood of bad tokens from a refused address costs next to nothing.
  app.use(refuseRepeatedFailures(ctx.verifyToken, limits));
  // The contract (GET /openapi.json) and its reference page (GET /docs), both public.
  app.use(openApiRouter());
  app.use('/api/v1/workflows', workflowsRouter(ctx));
  app.use('/api/v1/dev/token', devTokenRouter(ctx));
  const auth = authenticate(ctx.verifyToken, limits);
  app.use('/api/v1/checklist', checklistRouter(ctx, auth));
  app.use('/api/v1/calendar', calendarRouter(ctx, auth));
  app.use('/api/v1/applications/:id/fees', auth, feesRouter(ctx));
  app.use('/api/v1/applications/:id/inspections', auth, inspectionsRouter(ctx));
  app.use('/api/v1/applications', auth, applicationsRouter(ctx));
  app.use('/api/v1/tasks', auth, tasksRouter(ctx));
  app.use('/api/v1/delegations', auth, delegationsRouter(ctx));
  app.use('/api/v1/enterprises', auth, liaisonRouter(ctx));
  app.use('/api/v1/metrics', auth, metricsRouter(ctx));
  app.use('/api/v1/reports', auth, reportsRouter(ctx));
  app.use('/api/v1/admin', auth, adminImportRouter(ctx), adminTimersRouter(ctx));
  // The web console at `/` (dist/console), after every service route so that it never shadows one.
  app.use(consoleRouter());
  app.use(unknownRoute);
  app.use(errorHandler(ctx.logger));
  return app;
}
