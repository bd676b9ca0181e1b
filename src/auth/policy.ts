import type { AnyMachineSnapshot } from 'xstate';
import type { ActiveDelegation } from '../delegations/scope.ts';
import type { ApplicationRecord } from '../engine/records.ts';
import type { WorkflowDefinition } from '../engine/workflow.ts';
import { word, type ProblemCode, type WordParams } from '../errors/index.ts';
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
    case 'expert':
      // Experts read the reviews they sit on through /api/v1/investment-reviews, never as cases.
      return 'none';
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
      : refuse('file-own-enterprise', { org: principal.org, enterprise });
  }
  if (principal.role === 'agent') {
    if (!enterprise) return refuse('agent-names-applicant');
    return covering ? { ok: true } : refuse('no-covering-agreement', { enterprise });
  }
  return refuse('only-enterprise-files');
}

/** The verdict on an event the caller wants to send. */
export type SendVerdict = { ok: true; department?: string } | Refusal;

/** A refusal of the policy: its code and figures (src/errors words them) and the English sentence. */
export type Refusal = { ok: false; code: ProblemCode; params?: WordParams; reason: string };

/** The refusal with this code. */
export function refuse(code: ProblemCode, params?: WordParams): Refusal {
  return { ok: false, code, ...(params ? { params } : {}), reason: word(code, params) };
}

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
    return refuse('liaison-read-only');
  }
  const route = def.routeEvents?.[eventType];
  if (route) return refuse('event-has-route', { event: eventType, route });
  if (def.timerEvents.includes(eventType)) return refuse('timer-event', { event: eventType });
  switch (principal.role) {
    case 'applicant':
    case 'agent':
      return permissions.applicant.includes(eventType)
        ? { ok: true }
        : refuse('not-applicant-event', { event: eventType, allowed: permissions.applicant });
    case 'clerk': {
      const department = principal.org ?? '';
      if (requestedDepartment !== undefined && requestedDepartment !== department) {
        return refuse('other-department', { department, requested: requestedDepartment });
      }
      const allowed =
        department === 'window'
          ? permissions.window
          : def.departments.includes(department)
            ? permissions.department
            : [];
      return allowed.includes(eventType)
        ? { ok: true, department }
        : refuse('not-department-event', { event: eventType, department, workflow: def.id });
    }
    case 'auditor':
      return refuse('auditor-read-only');
    case 'admin':
      return refuse('admin-no-cases');
    case 'expert':
      return refuse('expert-no-case-events');
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
  if (principal.role !== 'clerk') return refuse('fees-by-clerks');
  if (access !== 'act') return refuse('liaison-read-only');
  const collector = collectingDepartment(item);
  if (collector !== principal.org) {
    return refuse('fee-of-other-department', { collector, department: principal.org });
  }
  return { ok: true, department: collector };
}

/** Who may pay a fee: the enterprise whose case it is (or, later, its agent). */
export function mayPayFee(principal: Principal): SendVerdict {
  return principal.role === 'applicant' || principal.role === 'agent'
    ? { ok: true }
    : refuse('fees-paid-by-enterprise');
}

/** Who may schedule an inspection or record its result: a clerk of the item's own department. */
export function mayInspect(
  principal: Principal,
  item: { department: string; code: string },
  access: CaseAccess = 'act',
): SendVerdict {
  if (principal.role !== 'clerk') return refuse('inspections-by-clerks');
  if (access !== 'act') return refuse('liaison-read-only');
  if (principal.org !== item.department) {
    return refuse('inspection-of-other-department', {
      inspection: item.code,
      department: item.department,
      own: principal.org,
    });
  }
  return { ok: true, department: item.department };
}

/** A clerk acting on a case it works on: not another role, and not a liaison who follows it read-only. */
export function actsAsClerk(
  principal: Principal,
  access: CaseAccess,
  act: 'assess-fee' | 'waive-fee' | 'schedule-inspection',
): SendVerdict {
  if (principal.role !== 'clerk') return refuse('clerks-only', { act });
  if (access !== 'act') return refuse('liaison-read-only');
  return { ok: true, department: principal.org ?? undefined };
}

/** Facts about a key project that rights depend on: its task force and the enterprises of its accepted cases. */
export interface ProjectFacts {
  members: ReadonlyArray<{ role: string; sub: string | null; org: string | null }>;
  enterprises: ReadonlySet<string>;
}

/** What a caller may do with a key project's task force, plan and issues (docs/api.md, "Task forces"). */
export interface ProjectRights {
  read: boolean;
  /** Enter actual dates, propose baselines, raise and work issues: the lead unit's clerks, the resident officer. */
  write: boolean;
  /** Decide on a proposed baseline: the responsible leader only. */
  decide: boolean;
  /** Form the task force: administrators. */
  manage: boolean;
}

/**
 * Who may do what with a key project: administrators and auditors (the leadership) read every project,
 * administrators form task forces; members read theirs; the lead unit's clerks and the resident officer
 * write; the responsible leader decides on a new baseline; the enterprise reads its own projects.
 */
export function projectRights(principal: Principal, facts: ProjectFacts): ProjectRights {
  const is = (role: string) => facts.members.some((m) => m.role === role && m.sub === principal.sub);
  const leadUnitClerk =
    principal.role === 'clerk' &&
    principal.org !== null &&
    facts.members.some((m) => m.role === 'lead-unit' && m.org === principal.org);
  const write = leadUnitClerk || is('resident-officer');
  const decide = is('responsible-leader');
  const ownEnterprise =
    principal.role === 'applicant' &&
    principal.org !== null &&
    (facts.enterprises.has(principal.org) ||
      facts.members.some((m) => m.role === 'enterprise-contact' && m.org === principal.org));
  const read =
    principal.role === 'admin' ||
    principal.role === 'auditor' ||
    write ||
    decide ||
    ownEnterprise ||
    facts.members.some((m) => m.sub === principal.sub);
  return { read, write, decide, manage: principal.role === 'admin' };
}
