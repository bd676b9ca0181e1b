import { Router } from 'express';
import { pendingMigrations } from '../db/migrate.ts';
import type { HttpContext } from './context.ts';

/** Liveness (the process answers) and readiness (the database answers and its schema is current). */
export function healthRouter(ctx: HttpContext): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    try {
      const pending = await pendingMigrations(ctx.db.knex);
      if (pending.length) {
        res.status(503).json({ status: 'migrating', pendingMigrations: pending });
        return;
      }
      res.json({ status: 'ready', database: ctx.db.dialect.name });
    } catch (error) {
      ctx.logger.warn({ err: error }, 'readiness check failed');
      res.status(503).json({ status: 'unavailable', detail: 'the database does not answer' });
    }
  });
  return router;
}
