/**
 * What the engine needs to know about a workflow and can read off its machine by the workflow conventions
 * (workflows/README.md), so that no workflow restates it: who holds tasks, which events only timers send, and
 * which events are the window's acceptance.
 */
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { allStateNodes, taskOf, transitionsOf } from './describe.ts';

/** The facts of one machine, each in document order. */
export interface MachineFacts {
  /** Departments named by a `meta.task` anywhere in the machine. */
  departments: string[];
  /** Events raised with a delay (`after` included): the engine's timers send them, nobody else. */
  timerEvents: string[];
  /** Events that leave the window's `intake` task for a state that goes on (not a final one). */
  acceptanceEvents: string[];
}

/** Reads the facts off a machine; a delayed raise whose event is computed cannot be read and is refused. */
export function machineFacts(machine: AnyStateMachine): MachineFacts {
  const nodes = allStateNodes(machine.root);
  return {
    // A department read from the case's context (`fromContext`) is no fixed department of the workflow.
    departments: unique(
      nodes.map((node) => (fromContextDepartment(node) ? undefined : taskOf(node)?.department)),
    ),
    timerEvents: unique(nodes.flatMap((node) => actionsOf(node).map((a) => delayedRaise(machine, node, a)))),
    acceptanceEvents: unique(nodes.filter((node) => taskOf(node)?.action === 'intake').flatMap(acceptances)),
  };
}

/** Every action a node can run: on entry and exit, and on each of its transitions. */
function actionsOf(node: AnyStateNode): unknown[] {
  return [
    ...node.entry,
    ...node.exit,
    ...(node.initial?.actions ?? []),
    ...transitionsOf(node).flatMap((t) => t.actions),
  ];
}

/** The event of a delayed raise, named (`'x'`, `{ type: 'x' }`) or inline; undefined for other actions. */
function delayedRaise(machine: AnyStateMachine, node: AnyStateNode, action: unknown): string | undefined {
  const named = typeof action === 'string' ? action : (action as { type?: unknown }).type;
  const implementation: unknown =
    typeof action === 'function'
      ? action
      : (machine.implementations.actions as Record<string, unknown>)[String(named)];
  if (typeof implementation !== 'function') return undefined;
  const raise = implementation as { type?: unknown; event?: unknown; delay?: unknown };
  if (raise.type !== 'xstate.raise' || raise.delay === undefined) return undefined;
  const type = (raise.event as { type?: unknown } | undefined)?.type;
  if (typeof raise.event === 'function' || typeof type !== 'string') {
    throw new Error(`${node.id}: a delayed raise must name its event type, or timers cannot be told apart`);
  }
  return type;
}

/** Events of transitions inside the intake task node that leave it for a state that is not final. */
function acceptances(intake: AnyStateNode): string[] {
  const inside = new Set(allStateNodes(intake));
  return [...inside].flatMap((node) =>
    transitionsOf(node)
      .filter((t) => t.target?.length && t.target.every((to) => !inside.has(to) && to.type !== 'final'))
      .map((t) => String(t.eventType)),
  );
}

function fromContextDepartment(node: AnyStateNode): boolean {
  const task = (node.meta as { task?: { fromContext?: { department?: unknown } } } | undefined)?.task;
  return typeof task?.fromContext?.department === 'string';
}

function unique(values: Array<string | undefined>): string[] {
  return [...new Set(values.filter((value): value is string => value !== undefined))];
}
