/**
 * A workflow's machine and registry entry as plain, deterministic data: every state node (id, type, tags,
 * meta, initial, entry/exit actions, transitions with targets, guards and actions), the named implementations
 * and the definition's data fields. Two builds of the same workflow version must serialise identically, or
 * cases stored by one would not restore and continue on the other.
 */
import type { AnyStateMachine, AnyStateNode, AnyTransitionDefinition } from 'xstate';
import type { WorkflowDefinition } from '../../src/engine/workflow.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The structure of one state node and, in document order, its children. */
interface NodeStructure {
  id: string;
  key: string;
  type: string;
  history?: string;
  initial?: string[];
  tags: string[];
  meta?: Json;
  entry: Json[];
  exit: Json[];
  /** Event type → candidate transitions, in the order the machine tries them. */
  on: Record<string, Json[]>;
  after: Json[];
  always: Json[];
  states: NodeStructure[];
}

/** Serialises a workflow definition: its data fields and its machine's structure. */
export function workflowStructure(def: WorkflowDefinition): Json {
  const { machine, limitWorkingDays: _limit, explainRefusal, ...data } = def;
  return canonical({
    definition: {
      ...(data as unknown as Record<string, Json>),
      explainsRefusals: explainRefusal !== undefined,
    },
    machine: machineStructure(machine),
  });
}

/** Serialises a machine: id, context, named implementations and the tree of state nodes. */
export function machineStructure(machine: AnyStateMachine): Json {
  const config = machine.config as { context?: unknown };
  const { actions, guards, delays } = machine.implementations as unknown as Record<
    string,
    Record<string, unknown> | undefined
  >;
  return canonical({
    id: machine.id,
    context: typeof config.context === 'function' ? 'function' : (config.context as Json),
    implementations: {
      actions: Object.fromEntries(Object.entries(actions ?? {}).map(([name, impl]) => [name, action(impl)])),
      guards: Object.keys(guards ?? {}).sort(),
      delays: Object.keys(delays ?? {}).sort(),
    },
    root: node(machine.root),
  });
}

function node(state: AnyStateNode): NodeStructure {
  const on: Record<string, Json[]> = {};
  for (const [descriptor, candidates] of state.transitions) {
    if (descriptor.startsWith('xstate.after.')) continue;
    on[descriptor] = candidates.map(transition);
  }
  return {
    id: state.id,
    key: state.key,
    type: state.type,
    ...(state.history ? { history: String(state.history) } : {}),
    ...(state.type === 'compound' && state.initial ? { initial: state.initial.target.map((t) => t.id) } : {}),
    tags: [...state.tags].sort(),
    ...(state.meta === undefined ? {} : { meta: state.meta as Json }),
    entry: state.entry.map(action),
    exit: state.exit.map(action),
    on,
    after: state.after.map((t) => ({ ...(transition(t) as Record<string, Json>), delay: delayOf(t) })),
    always: (state.always ?? []).map(transition),
    states: Object.values(state.states as Record<string, AnyStateNode>).map(node),
  };
}

function transition(t: AnyTransitionDefinition): Json {
  return {
    targets: (t.target ?? []).map((target) => target.id),
    ...(t.guard === undefined ? {} : { guard: guard(t.guard) }),
    actions: t.actions.map(action),
    reenter: t.reenter,
  };
}

function delayOf(t: AnyTransitionDefinition): Json {
  const delay: unknown = (t as { delay?: unknown }).delay;
  return typeof delay === 'number' || typeof delay === 'string' ? delay : 'function';
}

/** A guard by name and parameters; xstate's combinators are functions carrying their operands. */
function guard(g: unknown): Json {
  if (typeof g === 'string') return g;
  if (typeof g === 'function') {
    const combinator = g as { name: string; guards?: unknown[]; stateValue?: unknown };
    if ('stateValue' in combinator) return { stateIn: combinator.stateValue as Json };
    if (Array.isArray(combinator.guards)) return { [combinator.name]: combinator.guards.map(guard) };
    return 'inline';
  }
  const { type, params } = g as { type: string; params?: unknown };
  return params === undefined
    ? type
    : { type, params: typeof params === 'function' ? 'function' : (params as Json) };
}

/** An action reference or implementation: a name, a name with parameters, or one of xstate's built-ins. */
function action(a: unknown): Json {
  if (typeof a === 'string') return a;
  if (typeof a === 'function') {
    const builtIn = a as { type?: string; event?: unknown; id?: unknown; delay?: unknown; sendId?: unknown };
    switch (builtIn.type) {
      case 'xstate.raise':
        return {
          raise: typeof builtIn.event === 'function' ? 'function' : (builtIn.event as Json),
          id: (builtIn.id as Json) ?? null,
          delay: typeof builtIn.delay === 'function' ? 'function' : ((builtIn.delay as Json) ?? null),
        };
      case 'xstate.cancel':
        return { cancel: typeof builtIn.sendId === 'function' ? 'function' : (builtIn.sendId as Json) };
      case 'xstate.assign': {
        const assignment = (a as { assignment?: unknown }).assignment;
        return {
          assign: typeof assignment === 'function' ? 'function' : Object.keys(assignment ?? {}).sort(),
        };
      }
      default:
        return builtIn.type ? { builtIn: builtIn.type } : 'custom';
    }
  }
  const { type, params } = a as { type: string; params?: unknown };
  return params === undefined
    ? type
    : { type, params: typeof params === 'function' ? 'function' : (params as Json) };
}

/** Object keys sorted at every depth; arrays keep their order (it means something: candidates, documents). */
function canonical(value: unknown): Json {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value as Json;
}
