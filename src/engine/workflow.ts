import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import { machineFacts, type MachineFacts } from './machine-facts.ts';
import type { Actor } from './records.ts';

/** An event as a caller sends it. */
export interface EventInput {
  type: string;
  department?: string;
  comment?: string;
  data?: Record<string, unknown>;
}

/**
 * The event a machine receives: the caller's event plus what the engine adds. Machines never read the clock:
 * `at` is the time of the event, and a submission carries the validated form.
 */
export interface MachineEvent extends EventInput {
  at: string;
  /** Who sent it (the engine's own identity for timers). */
  actor?: Actor;
  form?: Record<string, unknown>;
  /** On acceptance, the checklist inspections this case needs (workflows listing `checklistInspectionsOn`). */
  requiredInspections?: Array<{ department: string; code: string }>;
  checklistVersion?: number;
}

/**
 * What a special-procedure node (tag `clock:special`) declares in `meta.specialProcedure`: its kind (e.g.
 * `expert-review`), its cap in working days and the rule that sets it; the notices read it.
 */
export interface SpecialProcedureMeta {
  kind: string;
  capDays: number;
  source: string;
}

/** What a workflow version offers on pledge (告知承诺制): the items, the text signed, the times after the decision. */
export interface PledgeOffer {
  /** The review regions (items) that may be decided on the applicant's pledge. */
  items: readonly string[];
  /** The pledge text in force for this version (src/credit/pledge-texts.ts). */
  textId: string;
  /** Working days within which the department verifies after the issue. */
  verificationWorkingDays: number;
  /** Working days the department gives to rectify after finding the conditions unmet. */
  rectificationWorkingDays: number;
  source: string;
}

/** Which events each kind of caller may ever send in this workflow (the policy's 403 line). */
export interface EventPermissions {
  /** The enterprise, or an agent acting for it. */
  applicant: readonly string[];
  /** A clerk of the single window. */
  window: readonly string[];
  /** A clerk of any other department the workflow involves, for its own department only. */
  department: readonly string[];
}

/** A workflow as the engine runs it: the machine plus what the engine and the API need to know about it. */
export interface WorkflowDefinition {
  id: string;
  version: number;
  title: string;
  /**
   * Applications are what enterprises file; agreements (proxy handling), licences (what an issue produces) and
   * records (the credit register, its repairs, a pledge's verification) are cases listed on their own routes,
   * never as applications; so are the follow-ups of bad ratings.
   */
  kind?: 'application' | 'agreement' | 'licence' | 'record' | 'follow-up';
  /** National stage numbers this workflow covers (docs/domain.md, Codes). */
  stages: readonly number[];
  /** Departments that may hold tasks in it (read off the machine's `meta.task`). */
  departments: readonly string[];
  machine: AnyStateMachine;
  /** Name of the form's JSON Schema in schemas/ (without `.json`). */
  formSchema: string;
  /** The schema in schemas/ whose `$defs`, by event type, say what events must carry; `event-content` if absent. */
  contentSchema?: string;
  /** Events that submit the form: the engine validates it first and hands it to the machine. */
  submitEvents: readonly string[];
  /** Events whose first occurrence is the window's acceptance (`acceptedAt`; read off the `intake` task). */
  acceptanceEvents: readonly string[];
  /** Events that only the engine's timers send (read off the machine's delayed raises). */
  timerEvents: readonly string[];
  /** Events that only a dedicated route sends (fees, inspections), with the route to use instead. */
  routeEvents?: Readonly<Record<string, string>>;
  /** Events on which the engine fixes the checklist inspections the case needs, from the version then current. */
  checklistInspectionsOn?: readonly string[];
  /** Departments that carry out checklist inspections in this workflow (one region each); none when absent. */
  inspectingDepartments?: readonly string[];
  permissions: EventPermissions;
  /** Longest `EXTEND` the law allows for this kind of handling. */
  maxExtensionDays: number;
  /** The statutory limit of the whole case before any extension or facts that lengthen it (metrics' limit). */
  statutoryLimitDays?: number;
  /** The statutory limit of the whole case in working days, given the machine's context (extension included). */
  limitWorkingDays(context: unknown): number | null;
  /** Items this version may decide on the applicant's pledge (告知承诺制), and the times that follow. */
  pledge?: PledgeOffer;
  /** Why an event the state does not take was refused, when the workflow can say more than "not allowed". */
  explainRefusal?(snapshot: AnyMachineSnapshot, event: MachineEvent): string | undefined;
}

/** True for a workflow whose cases are applications (not agreements, not licences). */
export function isApplicationWorkflow(def: Pick<WorkflowDefinition, 'kind'>): boolean {
  return (def.kind ?? 'application') === 'application';
}

/** What a workflow needs from outside to build its machine: only pure functions, never the database. */
export interface WorkflowDeps {
  /** The end of the n-th working day after `from` (Asia/Shanghai), for deadlines counted in working days. */
  workingDaysLater(from: string, n: number): Date;
}

/** What a workflow file states: everything but the facts read off its machine. */
export type WorkflowSpec = Omit<WorkflowDefinition, keyof MachineFacts>;

/** Completes a workflow's definition with the facts its machine shows, so that no file restates them. */
export function defineWorkflow(spec: WorkflowSpec): WorkflowDefinition {
  return { ...spec, ...machineFacts(spec.machine) };
}
