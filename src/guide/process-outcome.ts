/**
 * What the process itself would do with a form, computed by the functions that decide a case: the workflow's
 * machine taken through submission and the window's acceptance with XState's pure `transition` (the events
 * built by the engine's own `withCaseFacts`), the catalog's `requiredMaterials`, the checklist's inspections
 * (fixed on the acceptance event as the engine fixes them) and `assessFee`. Nothing is stored.
 */
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { assessFee, type Checklist } from '../checklist/index.ts';
import { withCaseFacts } from '../engine/machine-event.ts';
import type { Actor } from '../engine/records.ts';
import type { MachineEvent, WorkflowDefinition } from '../engine/workflow.ts';
import { requiredMaterials } from '../materials/required-materials.ts';
import type { MaterialCatalog } from '../materials/types.ts';

/** A task the case would open: a department's step with its limit in working days. */
export interface OutcomeTask {
  department: string;
  action: string;
  limitDays: number;
  source?: string;
}

/** What a fee of the checklist comes to for a form, or why it cannot be computed from it. */
export type OutcomeFee = { rate: number; quantity: number; amount: number } | { detail: string };

/** The process's answer for one complete guess of the facts. */
export interface ProcessOutcome {
  /** Keyed `department/action`, in the order the case opens them (intake first). */
  tasks: Map<string, OutcomeTask>;
  caseLimitDays: number | null;
  /** Catalog codes the form requires. */
  materials: Set<string>;
  /** Checklist inspection codes fixed at acceptance. */
  inspections: Set<string>;
  fees: Map<string, OutcomeFee>;
}

/** What the outcome is computed from: the workflow, the published checklist and catalog, the facts. */
export interface ProcessInputs {
  def: WorkflowDefinition;
  checklist: Checklist;
  catalog: MaterialCatalog | null;
  project: Record<string, unknown>;
  at: string;
}

// Nobody in particular: the guide is asked before sign-in.
const APPLICANT: Actor = { sub: 'guide', role: 'applicant', org: null };
const WINDOW: Actor = { sub: 'guide', role: 'clerk', org: 'window' };

/** The process's outcome for `form` taken as complete (absent fields mean what the form schema says). */
export function processOutcome(inputs: ProcessInputs, form: Record<string, unknown>): ProcessOutcome {
  const { def, checklist, catalog, project, at } = inputs;
  const { machine } = def;
  const [created] = initialTransition(machine, { at, applicant: APPLICANT.sub, project, form });
  const submit = event(def, { type: def.submitEvents[0]!, at, actor: APPLICANT }, form, checklist);
  const [submitted] = transition(machine, created, submit);
  const acceptance = def.acceptanceEvents.includes('ACCEPT') ? 'ACCEPT' : def.acceptanceEvents[0]!;
  const accept = event(def, { type: acceptance, department: 'window', at, actor: WINDOW }, form, checklist);
  const [accepted] = transition(machine, submitted, accept);
  if (submitted === created || accepted === submitted) {
    // A workflow the guide cannot walk is a programming error, not the asker's: it must fail loudly in tests.
    throw new Error(
      `${def.id}@${def.version}: submission and acceptance did not take; the guide cannot follow it`,
    );
  }
  const tasks = new Map<string, OutcomeTask>();
  for (const snapshot of [submitted, accepted]) {
    for (const task of tasksOf(snapshot)) tasks.set(`${task.department}/${task.action}`, task);
  }
  const fees = new Map<string, OutcomeFee>();
  for (const item of checklist.fees) {
    // An extra certificate is priced for one: how many is the applicant's request, not a fact of the form.
    const assessed = assessFee(item, form, item.unit === 'certificate' ? 1 : undefined);
    fees.set(
      item.code,
      assessed.ok
        ? { rate: assessed.rate, quantity: assessed.quantity, amount: assessed.amount }
        : { detail: assessed.detail },
    );
  }
  return {
    tasks,
    caseLimitDays: def.limitWorkingDays(accepted.context),
    materials: new Set(catalog ? requiredMaterials(catalog, form).map((m) => m.code) : []),
    inspections: new Set((accept.requiredInspections ?? []).map((i) => i.code)),
    fees,
  };
}

function event(
  def: WorkflowDefinition,
  input: MachineEvent,
  form: Record<string, unknown>,
  checklist: Checklist,
): MachineEvent {
  return withCaseFacts(def, { ...input }, form, checklist);
}

/** The tasks of the active nodes, with the source their node cites. */
function tasksOf(snapshot: AnyMachineSnapshot): OutcomeTask[] {
  const meta = snapshot.getMeta() as Record<string, { task?: OutcomeTask; source?: string } | undefined>;
  return Object.values(meta).flatMap((m) =>
    m?.task ? [{ ...m.task, ...(m.source ? { source: m.source } : {}) }] : [],
  );
}
