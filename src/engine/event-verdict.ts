import { transition, type AnyMachineSnapshot } from 'xstate';
import { EventNotAllowedError } from '../errors/index.ts';
import type { MachineEvent, WorkflowDefinition } from './workflow.ts';

/** What the machine makes of one event: the next snapshot and the actions to carry out, or the refusal. */
export type EventVerdict =
  | { ok: true; after: AnyMachineSnapshot; actions: ReturnType<typeof transition>[1] }
  | { ok: false; refusal: EventNotAllowedError };

/**
 * Asks the case's machine about one event, without writing anything. `status` is the case's stored status,
 * which the refusal names.
 */
export function eventVerdict(
  def: WorkflowDefinition,
  before: AnyMachineSnapshot,
  event: MachineEvent,
  status: string,
): EventVerdict {
  const [after, actions] = transition(def.machine, before, event);
  // XState hands back the very same snapshot when no transition was taken: never accept silently. A concluded
  // case takes no event at all: pure `transition` would still run a root-level transition (WITHDRAW) on it.
  if (after === before || before.status !== 'active') {
    const reason = before.status === 'active' ? def.explainRefusal?.(before, event) : undefined;
    return { ok: false, refusal: new EventNotAllowedError(event.type, before.value, status, reason) };
  }
  return { ok: true, after, actions };
}

/**
 * A case's project and form change while it is a draft, and — to correct them — while the applicant is asked
 * to supplement (补正 may be a correction of the form as much as a missing paper).
 */
export function draftPatchRefusal(state: unknown, status: string): EventNotAllowedError | null {
  return status === 'draft' || status === 'supplementing'
    ? null
    : new EventNotAllowedError(
        'PATCH',
        state,
        status,
        'the form changes while a draft or while supplementing',
      );
}
