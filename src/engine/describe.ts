/**
 * A workflow statechart as plain data: tasks, clock stops, statuses and transitions per state node, so that
 * API clients, documentation and reviewers can read a workflow without executing it.
 */
import type { AnyStateMachine, AnyStateNode, AnyTransitionDefinition } from 'xstate';

/** A department's task while a state node is active (`meta.task`, plus `meta.source` for the limit). */
export interface TaskDescription {
  department: string;
  action: string;
  limitDays: number;
  /** The legal source of the time limit. */
  source?: string;
}

/** Why the statutory clock stands still while a node is active (from its `clock:*` tag). */
export type ClockStop = 'applicant' | 'rectify' | 'special';

/** One transition of a state node, with targets as state node ids. */
export interface TransitionDescription {
  /** The event type; `always` for eventless, `done` for `onDone`, `after(<delay>)` for delayed ones. */
  event: string;
  /** Target state node ids; empty for a targetless transition. */
  targets: string[];
  /** A readable rendering of the guard, e.g. `and(fromDepartment(fire), not(isLate))`. */
  guard?: string;
}

/** One state node of a workflow machine. */
export interface StateDescription {
  id: string;
  /** Keys from the root; empty for the root node itself. */
  path: string[];
  type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  tags: string[];
  /** Id of the initial child, for compound nodes. */
  initial?: string;
  task?: TaskDescription;
  stopsClock?: ClockStop;
  status?: string;
  description?: string;
  on: TransitionDescription[];
}

/** A whole workflow machine; every node is listed in document order, the root first. */
export interface MachineDescription {
  id: string;
  /** Id of the root's initial state node (absent when the root is parallel). */
  initial?: string;
  states: StateDescription[];
  /** External event types handled anywhere in the machine, sorted. */
  events: string[];
}

const CLOCK_STOPS: readonly ClockStop[] = ['applicant', 'rectify', 'special'];
/** Key xstate uses for `always` transitions. */
const NULL_EVENT = '';

/** Describes a workflow machine as JSON-serialisable data. */
export function describeMachine(machine: AnyStateMachine): MachineDescription {
  const nodes = allStateNodes(machine.root);
  const events = new Set<string>();
  for (const node of nodes) {
    for (const descriptor of node.transitions.keys()) {
      // xstate.* covers done/after/invoke/route events, which nobody outside the machine sends.
      if (descriptor !== NULL_EVENT && !descriptor.startsWith('xstate.')) events.add(descriptor);
    }
  }
  const initial = initialChild(machine.root);
  return {
    id: machine.id,
    ...(initial ? { initial } : {}),
    states: nodes.map(describeState),
    events: [...events].sort(),
  };
}

/** The node and all its descendants in document order (the order of the config's keys). */
export function allStateNodes(node: AnyStateNode): AnyStateNode[] {
  return [node, ...Object.values(node.states as Record<string, AnyStateNode>).flatMap(allStateNodes)];
}

/** Describes one state node following the workflow conventions (`meta.task`, `clock:*`, `status:*`). */
export function describeState(node: AnyStateNode): StateDescription {
  const tags = [...node.tags];
  const task = taskOf(node);
  const stopsClock = CLOCK_STOPS.find((kind) => tags.includes(`clock:${kind}`));
  const status = statusOf(node);
  const initial = initialChild(node);
  return {
    id: node.id,
    path: [...node.path],
    type: node.type,
    tags,
    ...(initial ? { initial } : {}),
    ...(task ? { task } : {}),
    ...(stopsClock ? { stopsClock } : {}),
    ...(status ? { status } : {}),
    ...(node.description ? { description: node.description } : {}),
    on: transitionsOf(node).map(describeTransition),
  };
}

/** The node's transitions in document order: `on`, `onDone`, invocations, `after`, then `always`. */
export function transitionsOf(node: AnyStateNode): AnyTransitionDefinition[] {
  return [...[...node.transitions.values()].flat(), ...(node.always ?? [])];
}

/** Describes one transition definition, naming its event the way {@link TransitionDescription} documents. */
export function describeTransition(transition: AnyTransitionDefinition): TransitionDescription {
  const guard = transition.guard === undefined ? undefined : guardName(transition.guard);
  return {
    event: eventName(transition),
    targets: (transition.target ?? []).map((target) => target.id),
    ...(guard ? { guard } : {}),
  };
}

/** A readable event name; xstate's internal event types embed node ids, which say nothing to a reader. */
export function eventName(transition: AnyTransitionDefinition): string {
  const type = String(transition.eventType);
  if (type === NULL_EVENT) return 'always';
  if (type === `xstate.done.state.${transition.source.id}`) return 'done';
  if (type.startsWith('xstate.after.')) {
    const delay: unknown = (transition as { delay?: unknown }).delay;
    return `after(${typeof delay === 'number' || typeof delay === 'string' ? delay : 'dynamic'})`;
  }
  for (const [prefix, name] of [
    ['xstate.done.actor.', 'done'],
    ['xstate.error.actor.', 'error'],
    ['xstate.snapshot.', 'snapshot'],
  ] as const) {
    if (type.startsWith(prefix)) return `${name}(${type.slice(prefix.length)})`;
  }
  return type === 'xstate.route' ? 'route' : type;
}

/**
 * Renders a guard readably: `name`, `name(params)`, or xstate's `and`/`or`/`not`/`stateIn` combinators,
 * which are functions carrying their operands in `guards` / `stateValue`.
 */
export function guardName(guard: unknown): string {
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') {
    const combinator = guard as { name: string; guards?: unknown[]; stateValue?: unknown };
    if ('stateValue' in combinator) return `stateIn(${formatStateValue(combinator.stateValue)})`;
    if (Array.isArray(combinator.guards)) {
      const name = combinator.name || 'guards';
      return `${name}(${combinator.guards.map(guardName).join(', ')})`;
    }
    // Inline arrow functions take the name of the `guard` property they were written in.
    return combinator.name && combinator.name !== 'guard' ? combinator.name : 'inline';
  }
  if (guard && typeof guard === 'object' && 'type' in guard) {
    const { type, params } = guard as { type: unknown; params?: unknown };
    if (params === undefined) return String(type);
    return `${String(type)}(${typeof params === 'function' ? 'dynamic' : formatParams(params)})`;
  }
  return 'inline';
}

/** `{department: 'planning'}` reads best as `planning`; several keys keep their names. */
function formatParams(params: unknown): string {
  if (params && typeof params === 'object' && !Array.isArray(params)) {
    const entries = Object.entries(params);
    if (entries.length === 1) return formatValue(entries[0]![1]);
    return entries.map(([key, value]) => `${key}=${formatValue(value)}`).join(', ');
  }
  return formatValue(params);
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/** `'#id'` stays as written; `{review: {planning: 'done', fire: 'done'}}` lists every leaf path. */
function formatStateValue(value: unknown): string {
  const leaves = (value: unknown): string[] => {
    if (typeof value === 'string') return [value];
    if (!value || typeof value !== 'object' || !Object.keys(value).length) return [];
    return Object.entries(value).flatMap(([key, child]) => {
      const below = leaves(child);
      return below.length ? below.map((leaf) => `${key}.${leaf}`) : [key];
    });
  };
  return leaves(value).join(', ') || String(value);
}

function initialChild(node: AnyStateNode): string | undefined {
  return node.type === 'compound' ? node.initial?.target[0]?.id : undefined;
}

/** `meta.task` counts only when it has the full convention shape, so stray meta does not fake a task. */
export function taskOf(node: AnyStateNode): TaskDescription | undefined {
  const meta = node.meta as Record<string, unknown> | undefined;
  const task = meta?.task as Record<string, unknown> | undefined;
  if (
    !task ||
    typeof task.department !== 'string' ||
    typeof task.action !== 'string' ||
    typeof task.limitDays !== 'number'
  ) {
    return undefined;
  }
  const { department, action, limitDays } = task;
  return {
    department,
    action,
    limitDays,
    ...(typeof meta?.source === 'string' ? { source: meta.source } : {}),
  };
}

/** `meta.status` (final nodes) wins over a `status:<name>` tag. */
function statusOf(node: AnyStateNode): string | undefined {
  const meta = node.meta as Record<string, unknown> | undefined;
  if (typeof meta?.status === 'string') return meta.status;
  return node.tags.find((tag) => tag.startsWith('status:'))?.slice('status:'.length);
}
