/** Renders a workflow statechart as a Mermaid `stateDiagram-v2` for documentation and review. */
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { allStateNodes, describeState, describeTransition, transitionsOf } from './describe.ts';
import type { StateDescription } from './describe.ts';

const INDENT = '  ';
/**
 * Ids the Mermaid lexers read as keywords (`note --> x`, `click`, `default…` in the older jison grammar);
 * such ids get an `s_` prefix.
 */
const KEYWORD = /^(state|note|click|href|class|classdef|style|scale|end|direction|default.*)$/i;
/** Stand-in key for the "any state" pseudo-node in the id table. */
const ANY = Symbol('any state');
type Ids = Map<AnyStateNode | typeof ANY, string>;

/**
 * Renders the whole machine as Mermaid `stateDiagram-v2` text: compound and parallel nodes as nested blocks
 * (regions separated by `--`), ids built from the full path, tasks and clock stops as description lines.
 * The output depends only on the machine, so it can be committed and diffed.
 */
export function toMermaid(machine: AnyStateMachine): string {
  const root = machine.root;
  const nodes = allStateNodes(root);
  const ids = mermaidIds(machine.id, nodes, root.type === 'parallel');
  const lines = ['stateDiagram-v2'];
  const { local, top, fromAnyState } = edges(root, ids);

  const body = (node: AnyStateNode, depth: number): string[] => {
    const pad = INDENT.repeat(depth);
    const children = childrenOf(node);
    if (node.type === 'parallel') {
      // Every region is entered at once: each `--` section starts at its region node.
      return children.flatMap((region, i) => [
        ...(i > 0 ? [`${pad}--`] : []),
        `${pad}[*] --> ${ids.get(region)}`,
        ...declare(region, depth),
      ]);
    }
    const initial = node.initial?.target[0];
    return [
      ...(initial ? [`${pad}[*] --> ${ids.get(initial)}`] : []),
      ...children.flatMap((child) => declare(child, depth)),
      ...(local.get(node) ?? []).map((line) => pad + line),
      ...children.filter((child) => child.type === 'final').map((child) => `${pad}${ids.get(child)} --> [*]`),
    ];
  };

  const declare = (node: AnyStateNode, depth: number): string[] => {
    const pad = INDENT.repeat(depth);
    const id = ids.get(node)!;
    const description = describeState(node);
    const label = node.type === 'history' ? (node.history === 'deep' ? 'H*' : 'H') : node.key;
    const notes = notesOf(description);
    const nested = node.type === 'compound' || node.type === 'parallel';
    const lines: string[] = [];
    if (nested) {
      // A block shows only its title, so its task goes into the title.
      const title = notes.length ? `${label}: ${notes.join(', ')}` : label;
      if (title !== id) lines.push(`${pad}state "${escape(title, LABEL_UNSAFE)}" as ${id}`);
      lines.push(`${pad}state ${id} {`, ...body(node, depth + 1), `${pad}}`);
      return lines;
    }
    lines.push(label === id ? pad + id : `${pad}state "${escape(label, LABEL_UNSAFE)}" as ${id}`);
    for (const note of notes) lines.push(`${pad}${id} : ${escape(note, DESCR_UNSAFE)}`);
    return lines;
  };

  if (root.type === 'parallel') {
    // `--` is only valid inside a block, so a parallel root gets a box of its own.
    const id = ids.get(root)!;
    lines.push(`${INDENT}[*] --> ${id}`, `${INDENT}state ${id} {`, ...body(root, 2), `${INDENT}}`);
  } else {
    lines.push(...body(root, 1));
  }
  if (fromAnyState) lines.push(`${INDENT}state "(any state)" as ${ids.get(ANY)}`);
  lines.push(...top.map((line) => INDENT + line));
  return lines.join('\n') + '\n';
}

/**
 * Edge lines in document order of their source. An edge between two children of the same compound node is
 * written inside that node's block; any other edge goes to the top level, because Mermaid moves a state into
 * the block where an edge mentions it but leaves states alone when the edge is written at the top level.
 * Root transitions apply in every state, so they start from an "any state" pseudo-node.
 */
function edges(root: AnyStateNode, ids: Ids) {
  const local = new Map<AnyStateNode, string[]>();
  const top: string[] = [];
  let fromAnyState = false;
  for (const node of allStateNodes(root)) {
    for (const transition of transitionsOf(node)) {
      const { event, guard } = describeTransition(transition);
      const label = escape(guard ? `${event} [${guard}]` : event, DESCR_UNSAFE);
      for (const target of transition.target ?? []) {
        if (target === root) continue; // the root has no box to point at
        fromAnyState ||= node === root;
        const from = ids.get(node === root ? ANY : node)!;
        const line = `${from} --> ${ids.get(target)!} : ${label}`;
        const parent = node.parent;
        if (parent && parent !== root && parent.type === 'compound' && target.parent === parent) {
          local.set(parent, [...(local.get(parent) ?? []), line]);
        } else {
          top.push(line);
        }
      }
    }
  }
  return { local, top, fromAnyState };
}

/**
 * Unique Mermaid ids from the full path (`review.planning.review` → `review_planning_review`); clashes
 * (`a_b.c` vs `a.b_c`) get a numeric suffix, assigned in document order so the result is stable.
 */
function mermaidIds(machineId: string, nodes: AnyStateNode[], boxRoot: boolean): Ids {
  const taken = new Set<string>();
  const ids: Ids = new Map();
  const claim = (wanted: string): string => {
    const base = KEYWORD.test(wanted) || !wanted ? `s_${wanted}` : wanted;
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
    taken.add(id);
    return id;
  };
  for (const node of nodes) {
    // The root only needs an id when it is drawn as a box; otherwise it would take a name from a child.
    if (node.parent) ids.set(node, claim(node.path.map(safe).join('_')));
    else if (boxRoot) ids.set(node, claim(safe(machineId)));
  }
  ids.set(ANY, claim('any_state'));
  return ids;
}

/** History nodes are drawn as H / H* boxes, so they are kept; only their default target is not drawn. */
function childrenOf(node: AnyStateNode): AnyStateNode[] {
  return Object.values(node.states as Record<string, AnyStateNode>);
}

/** The convention fields worth seeing on the diagram. */
function notesOf(state: StateDescription): string[] {
  const notes: string[] = [];
  if (state.task) notes.push(`${state.task.department} ${state.task.action} (${state.task.limitDays} WD)`);
  if (state.stopsClock) notes.push(`clock stopped (${state.stopsClock})`);
  return notes;
}

function safe(key: string): string {
  return key.replace(/[^A-Za-z0-9_]/g, '_');
}

/** In a quoted label `"` ends it, `%%` starts a comment and `#…;` reads as an entity. */
const LABEL_UNSAFE = /["%#;\r\n]/g;
/** Text after ` : ` also ends at `:` or `;`. */
const DESCR_UNSAFE = /["%#;:\r\n]/g;

/** Mermaid's own escape: `#<char code>;` entities, decoded when the diagram is drawn. */
function escape(value: string, unsafe: RegExp): string {
  return value.replace(unsafe, (char) => (char === '\r' || char === '\n' ? ' ' : `#${char.charCodeAt(0)};`));
}
