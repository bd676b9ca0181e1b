import type { RequestHandler, Response } from 'express';
import type { CaseAccess, CaseFacts } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import type { EventStore } from '../db/index.ts';
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
  if (!UUID.test(id)) throw notVisible(id);
  const { app, hasTask } = await caseWithTaskOf(ctx.engine, id, taskDepartmentOf(principal));
  if (!app) throw notVisible(id);
  return verdictOn(ctx, principal, app, hasTask);
}

/** A case that does not exist and one the caller may not see get the same 404. */
const notVisible = (id: string) => notFound('application-not-visible', { id });

async function verdictOn(
  ctx: HttpContext,
  principal: Principal,
  app: ApplicationRecord,
  hasTask: boolean,
): Promise<VisibleCase> {
  const { access, facts } = await caseVerdict(
    { db: ctx.db, registry: ctx.registry, now: ctx.clock.now() },
    principal,
    app,
    hasTask,
  );
  if (access === 'none') throw notVisible(app.id);
  return { app, access, facts };
}

/**
 * Whether `loadVisibleCaseIn` may judge the caller on case `id`: an enterprise and a clerk are judged on the
 * case and its tasks alone (a malformed id is left to `loadVisibleCase`, which answers it without a read).
 */
export function judgedInStore(principal: Principal, id: string): boolean {
  return (principal.role === 'applicant' || principal.role === 'clerk') && UUID.test(id);
}

/**
 * `loadVisibleCase` on a case read through a store, with the same answers, inside the transaction that then
 * writes to the case: one read of the case per request. Null when the verdict needs what the store does not
 * read (a clerk with no task on the case may still be the enterprise's liaison): ask `loadVisibleCase` then.
 */
export async function loadVisibleCaseIn(
  ctx: HttpContext,
  store: EventStore,
  principal: Principal,
  id: string,
  app: ApplicationRecord | null,
): Promise<VisibleCase | null> {
  if (!app) throw notVisible(id);
  const department = taskDepartmentOf(principal);
  const hasTask = department ? await store.hasTaskOf(app.id, department) : false;
  if (principal.role === 'clerk' && !hasTask) return null;
  return verdictOn(ctx, principal, app, hasTask);
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
