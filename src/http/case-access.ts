import type { RequestHandler, Response } from 'express';
import { canSeeCase } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import type { ApplicationRecord } from '../engine/records.ts';
import type { HttpContext } from './context.ts';
import { notFound } from './problem.ts';
import { param, principalOf } from './request.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Loads a case the caller may see, read at the moment of the request. A case that does not exist and one the
 * caller may not see get the same 404, so nobody learns that another enterprise's case exists.
 */
export async function loadVisibleCase(
  ctx: HttpContext,
  principal: Principal,
  id: string,
): Promise<ApplicationRecord> {
  const missing = notFound(`no application ${id} that you can see`);
  if (!UUID.test(id)) throw missing;
  const app = await ctx.engine.load(id);
  if (!app) throw missing;
  const rows = await ctx.db.knex('tasks').where({ application_id: id }).distinct('department');
  const taskDepartments = new Set(rows.map((r: { department: string }) => r.department));
  if (!canSeeCase(principal, app, { taskDepartments })) throw missing;
  return app;
}

/** Middleware: the 404 check of a case route, before its body is read (API.md's order of checks). */
export function visibleCase(ctx: HttpContext): RequestHandler {
  return async (req, res, next) => {
    res.locals.app = await loadVisibleCase(ctx, principalOf(res), param(req, 'id'));
    next();
  };
}

/** The case `visibleCase` loaded. */
export function caseOf(res: Response): ApplicationRecord {
  return res.locals.app as ApplicationRecord;
}
