import type { RequestHandler, Response } from 'express';
import type { CaseAccess, CaseFacts } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import type { ApplicationRecord } from '../engine/records.ts';
import type { HttpContext } from '../http/context.ts';
import { notFound } from '../http/problem.ts';
import { param, principalOf } from '../http/request.ts';
import { caseWithTaskOf } from './queries.ts';
import { caseVerdict, taskDepartmentOf } from './visibility.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A case the caller may see, with what the caller may do on it. */
export interface VisibleCase {
  app: ApplicationRecord;
  access: Exclude<CaseAccess, 'none'>;
  facts: CaseFacts;
}

/**
 * Loads an application the caller may see, with the facts read at the moment of the request (no cache: a
 * revoked or expired agreement stops the very next request). A case that does not exist and one the caller
 * may not see get the same 404, so nobody learns that another enterprise's case exists. Agreements are not
 * applications and are not found here.
 */
export async function loadVisibleCase(
  ctx: HttpContext,
  principal: Principal,
  id: string,
): Promise<VisibleCase> {
  const missing = notFound('application-not-visible', { id });
  if (!UUID.test(id)) throw missing;
  const { app, hasTask } = await caseWithTaskOf(ctx.engine, id, taskDepartmentOf(principal));
  if (!app) throw missing;
  const { access, facts } = await caseVerdict(
    { db: ctx.db, registry: ctx.registry, now: ctx.clock.now() },
    principal,
    app,
    hasTask,
  );
  if (access === 'none') throw missing;
  return { app, access, facts };
}

/** Middleware: the 404 check of a case route, before its body is read (the order of checks, docs/api.md). */
export function visibleCase(ctx: HttpContext): RequestHandler {
  return async (req, res, next) => {
    res.locals.visible = await loadVisibleCase(ctx, principalOf(res), param(req, 'id'));
    next();
  };
}

/** The case `visibleCase` loaded. */
export function caseOf(res: Response): ApplicationRecord {
  return (res.locals.visible as VisibleCase).app;
}

/** What the caller may do on the case `visibleCase` loaded. */
export function accessOf(res: Response): Exclude<CaseAccess, 'none'> {
  return (res.locals.visible as VisibleCase).access;
}

/** The enterprise an agent acts for on this case (null when the caller acts for itself). */
export function onBehalfOf(principal: Principal, app: ApplicationRecord): string | null {
  return principal.role === 'agent' ? app.applicant : null;
}
