import type { RequestHandler, Response } from 'express';
import { caseAccess, type CaseAccess, type CaseFacts } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { activeDelegationsHeldBy, coversCase, liaisonOf } from '../delegation/index.ts';
import { toApplication, type ApplicationRecord } from '../engine/records.ts';
import type { HttpContext } from './context.ts';
import { notFound } from './problem.ts';
import { param, principalOf } from './request.ts';

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
  const missing = notFound(`no application ${id} that you can see`);
  if (!UUID.test(id)) throw missing;
  // One read for what every request needs: the case, and for a clerk whether its department works on it.
  const { row, hasTask } = await ctx.engine.read(async (store) => {
    const found = await store.application(id);
    const department = principal.role === 'clerk' ? principal.org : null;
    return { row: found, hasTask: found && department ? await store.hasTaskOf(id, department) : false };
  });
  if (!row) throw missing;
  const app = toApplication(row, ctx.db.dialect);
  if (ctx.registry.get(app.workflowId, app.workflowVersion).kind === 'agreement') throw missing;
  const facts = await caseFacts(ctx, principal, app, hasTask);
  const access = caseAccess(principal, app, facts);
  if (access === 'none') throw missing;
  return { app, access, facts };
}

/** Reads only what the caller's role needs: nothing more for the enterprise, auditors and admins. */
async function caseFacts(
  ctx: HttpContext,
  principal: Principal,
  app: ApplicationRecord,
  hasTask: boolean,
): Promise<CaseFacts> {
  const facts: CaseFacts = {
    taskDepartments: hasTask && principal.org ? new Set([principal.org]) : new Set(),
  };
  // Only a clerk with no task of its own on the case can be there as the enterprise's liaison.
  if (principal.role === 'clerk' && !hasTask)
    facts.liaison = (await liaisonOf(ctx.db, app.applicant)) === principal.sub;
  if (principal.role === 'agent') {
    const held = await activeDelegationsHeldBy(ctx.db, principal.sub, ctx.clock.now());
    facts.delegation = held.find((d) => coversCase(d, app, ctx.registry)) ?? null;
  }
  return facts;
}

/** Middleware: the 404 check of a case route, before its body is read (API.md's order of checks). */
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
