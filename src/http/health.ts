import type { Response, Router } from 'express';
import { describeDatabaseError, pendingMigrations, RETRY_AFTER_SECONDS } from '../db/index.ts';
import { defineRoute, mountRoutes, type RouteDefinition } from '../openapi/define-route.ts';
import { json } from '../openapi/route-table.ts';
import type { HttpContext } from './context.ts';

/** 503 with `Retry-After`: the scraper and the balancer ask again later. */
function notReady(res: Response, body: Record<string, unknown>): void {
  res.status(503).set('Retry-After', String(RETRY_AFTER_SECONDS)).json(body);
}

const healthz = defineRoute<HttpContext>({
  method: 'get',
  path: '/healthz',
  operationId: 'healthz',
  summary: 'Liveness',
  description: 'The process answers.',
  tag: 'Operations',
  access: 'public',
  responses: {
    200: {
      description: 'Up.',
      content: json({ type: 'object', required: ['status'], properties: { status: { const: 'ok' } } }),
    },
  },
  handler: (ctx) => (_req, res) => {
    res.json({ status: 'ok' });
  },
});

const readyz = defineRoute<HttpContext>({
  method: 'get',
  path: '/readyz',
  operationId: 'readyz',
  summary: 'Readiness',
  description: 'The database answers, takes writes, and its migrations are current.',
  tag: 'Operations',
  access: 'public',
  responses: {
    200: {
      description: 'Ready.',
      content: json({
        type: 'object',
        required: ['status', 'database'],
        properties: { status: { const: 'ready' }, database: { type: 'string', examples: ['sqlite'] } },
      }),
    },
    503: {
      description:
        'Migrating, the database does not answer, or it refuses writes (disk full, read-only); with `Retry-After`.',
      content: json({
        type: 'object',
        required: ['status'],
        properties: {
          status: { enum: ['migrating', 'unavailable', 'read-only'] },
          pendingMigrations: { type: 'array', items: { type: 'string' } },
          detail: { type: 'string' },
        },
      }),
    },
  },
  handler: (ctx) => async (_req, res) => {
    let pending: string[];
    try {
      pending = await pendingMigrations(ctx.db.knex);
    } catch (error) {
      ctx.logger.warn({ err: error }, 'readiness check failed');
      notReady(res, { status: 'unavailable', detail: 'the database does not answer' });
      return;
    }
    if (pending.length) {
      notReady(res, { status: 'migrating', pendingMigrations: pending });
      return;
    }
    try {
      await ctx.db.dialect.probeWrite(ctx.db.knex);
    } catch (error) {
      ctx.logger.warn({ err: error }, 'readiness check: the database refuses writes');
      notReady(res, {
        status: 'read-only',
        detail: `the database refuses writes: ${describeDatabaseError(error)}`,
      });
      return;
    }
    res.json({ status: 'ready', database: ctx.db.dialect.name });
  },
});

/**
 * Liveness (the process answers) and readiness (the database answers, takes writes, and its schema is
 * current). A database that answers reads but refuses writes (disk full, read-only file or standby) is not
 * ready: every event would fail.
 */
export const HEALTH_ROUTES: readonly RouteDefinition<HttpContext>[] = [healthz, readyz];

/** The health router, mounted at the root. */
export function healthRouter(ctx: HttpContext): Router {
  return mountRoutes(ctx, HEALTH_ROUTES, { prefix: '' });
}
