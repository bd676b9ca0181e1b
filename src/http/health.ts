import { Router, type Response } from 'express';
import { describeDatabaseError, pendingMigrations, RETRY_AFTER_SECONDS } from '../db/index.ts';
import type { HttpContext } from './context.ts';

/**
 * Liveness (the process answers) and readiness (the database answers, takes writes, and its schema is
 * current). A database that answers reads but refuses writes (disk full, read-only file or standby) is not
 * ready: every event would fail.
 */
export function healthRouter(ctx: HttpContext): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  const notReady = (res: Response, body: Record<string, unknown>) => {
    res.status(503).set('Retry-After', String(RETRY_AFTER_SECONDS)).json(body);
  };
  router.get('/readyz', async (_req, res) => {
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
  });
  return router;
}
