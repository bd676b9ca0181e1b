import type { AnyMachineSnapshot } from 'xstate';
import type { ActiveDelegation } from '../delegations/scope.ts';
import type { ApplicationRecord } from '../engine/records.ts';
import type { WorkflowDefinition } from '../engine/workflow.ts';
import type { Principal } from './principal.ts';

/**
 * The permission policy, in one place: who sees a case, who may ever send an event, and what a caller may
 * send now. Pure functions over facts the HTTP layer reads at the moment of the request (no caching).
 */

/** Facts about a case that visibility depends on, read at the moment of the request. */
export interface CaseFacts {
  /** Departments that have, or had, a task on the case (the HTTP layer reads only the caller's own). */
  taskDepartments: ReadonlySet<string>;
  /** For an agent: its active agreement that covers this case, if any. */
  delegation?: ActiveDelegation | null;
  /** For a clerk: whether it is the enterprise's one-to-one liaison. */
  liaison?: boolean;
}

/** What the caller may do with a case: nothing (404), read it, or act on it as its role allows. */
export type CaseAccess = 'none' | 'read' | 'act';

/**
 * Who sees a case: the enterprise its own; an agent the cases an active agreement it holds covers; a clerk the
 * cases with a task of its department, and — read-only — those of enterprises it is liaison for; auditors
 * and administrators every case, read-only.
 */
export function caseAccess(principal: Principal, app: ApplicationRecord, facts: CaseFacts): CaseAccess {
  switch (principal.role) {
    case 'auditor':
    case 'admin':
      return 'read';
    case 'applicant':
      return principal.org === app.applicant ? 'act' : 'none';
    case 'clerk':
      if (principal.org !== null && facts.taskDepartments.has(principal.org)) return 'act';
      return facts.liaison ? 'read' : 'none';
    case 'agent':
      return facts.delegation ? 'act' : 'none';
  }
}

/** Whether the caller may see the case at all; a case they may not see is answered 404, never 403. */
export function canSeeCase(principal: Principal, app: ApplicationRecord, facts: CaseFacts): boolean {
  return caseAccess(principal, app, facts) !== 'none';
}

/** Whether the enterprise, or an agent for it, may file a case of this workflow. */
export function mayFile(
  principal: Principal,
  enterprise: string | undefined,
  covering: ActiveDelegation | undefined,
): SendVerdict {
  if (principal.role === 'applicant') {
    return enterprise === undefined || enterprise === principal.org
      ? { ok: true }
      : { ok: false, reason: `you file for your own enterprise ${principal.org}, not ${enterprise}` };
  }
  if (principal.role === 'agent') {
    if (!enterprise)
      return { ok: false, reason: 'an agent names the enterprise it files for in `applicant`' };
    return covering
      ? { ok: true }
      : { ok: false, reason: `you hold no active agreement from ${enterprise} that covers this workflow` };
  }
  return { ok: false, reason: 'only an enterprise (or its agent) files applications' };
}

/** The verdict on an event the caller wants to send. */
export type SendVerdict = { ok: true; department?: string } | { ok: false; reason: string };

/**
 * Whether this role (and department) may ever send this event type in this workflow: the 403 line,
 * checked before the event's content (422) and the case's state (409).
 */
export function maySend(
  principal: Principal,
  def: WorkflowDefinition,
  eventType: string,
  requestedDepartment: string | undefined,
  access: CaseAccess = 'act',
): SendVerdict {
  const { permissions } = def;
  if (access === 'read' && principal.role === 'clerk') {
    return { ok: false, reason: 'you follow this enterprise as its liaison, read-only' };
  }
  const route = def.routeEvents?.[eventType];
  if (route) return { ok: false, reason: `${eventType} is not sent as an event; use ${route}` };
  if (def.timerEvents.includes(eventType))
    return { ok: false, reason: `${eventType} is sent by the engine's timers only` };
  switch (principal.role) {
    case 'applicant':
    case 'agent':
      return permissions.applicant.includes(eventType)
        ? { ok: true }
        : {
            ok: false,
            reason: `${eventType} is not an applicant's event; only ${permissions.applicant.join(', ')}`,
          };
    case 'clerk': {
      const department = principal.org ?? '';
      if (requestedDepartment !== undefined && requestedDepartment !== department) {
        return {
          ok: false,
          reason: `a clerk of ${department} acts only for ${department}, not ${requestedDepartment}`,
        };
      }
      const allowed =
        department === 'window'
          ? permissions.window
          : def.departments.includes(department)
            ? permissions.department
            : [];
      return allowed.includes(eventType)
        ? { ok: true, department }
        : { ok: false, reason: `${eventType} is not an event a ${department} clerk sends in ${def.id}` };
    }
    case 'auditor':
      return { ok: false, reason: 'auditors read only' };
    case 'admin':
      return { ok: false, reason: 'administrators do not act on cases' };
  }
}

/** Every event type the caller may send now: permitted for the role and accepted by the current state. */
export function allowedEvents(
  principal: Principal,
  def: WorkflowDefinition,
  snapshot: AnyMachineSnapshot,
  at: string,
  access: CaseAccess = 'act',
): string[] {
  if (snapshot.status !== 'active' || access !== 'act') return [];
  const candidates = new Set([
    ...def.permissions.applicant,
    ...def.permissions.window,
    ...def.permissions.department,
  ]);
  const allowed: string[] = [];
  for (const type of candidates) {
    const verdict = maySend(principal, def, type, undefined, access);
    if (!verdict.ok) continue;
    const actor = { sub: principal.sub, role: principal.role, org: principal.org };
    if (snapshot.can({ type, department: verdict.department, at, actor } as never)) allowed.push(type);
  }
  return allowed;
}

/** The department that collects a fee: the one the checklist item names, else the window (one-window intake). */
export function collectingDepartment(item: { department?: string }): string {
  return item.department ?? 'window';
}

/**
 * Who may assess or waive a fee: a clerk who works on the case, of the item's collecting department. One rule
 * for both, so that no clerk forgoes money another department collects.
 */
export function mayAssessFee(
  principal: Principal,
  item: { department?: string },
  access: CaseAccess = 'act',
): SendVerdict {
  if (principal.role !== 'clerk') return { ok: false, reason: 'fees are assessed and waived by clerks' };
  if (access !== 'act') return { ok: false, reason: 'you follow this enterprise as its liaison, read-only' };
  const collector = collectingDepartment(item);
  if (collector !== principal.org) {
    return {
      ok: false,
      reason: `this fee is assessed and waived by ${collector}, not ${principal.org ?? 'you'}`,
    };
  }
  return { ok: true, department: collector };
}

/** Who may pay a fee: the enterprise whose case it is (or, later, its agent). */
export function mayPayFee(principal: Principal): SendVerdict {
  return principal.role === 'applicant' || principal.role === 'agent'
    ? { ok: true }
    : { ok: false, reason: 'fees are paid by the enterprise (or its agent)' };
}

/** Who may schedule an inspection or record its result: a clerk of the item's own department. */
export function mayInspect(
  principal: Principal,
  item: { department: string; code: string },
  access: CaseAccess = 'act',
): SendVerdict {
  if (principal.role !== 'clerk')
    return { ok: false, reason: 'inspections are carried out by department clerks' };
  if (access !== 'act') return { ok: false, reason: 'you follow this enterprise as its liaison, read-only' };
  if (principal.org !== item.department) {
    return { ok: false, reason: `${item.code} is carried out by ${item.department}, not ${principal.org}` };
  }
  return { ok: true, department: item.department };
}

/** A clerk acting on a case it works on: not another role, and not a liaison who follows it read-only. */
export function actsAsClerk(principal: Principal, access: CaseAccess, what: string): SendVerdict {
  if (principal.role !== 'clerk') return { ok: false, reason: `${what} by department clerks` };
  if (access !== 'act') return { ok: false, reason: 'you follow this enterprise as its liaison, read-only' };
  return { ok: true, department: principal.org ?? undefined };
}
