import type { AnyMachineSnapshot, AnyStateMachine, AnyStateNode } from 'xstate';

/*
 * Node coverage for the workflow path tests (test/workflows/*.paths.test.ts): which state nodes a machine can
 * rest in, and which of them the paths of a test have rested in.
 */

/** State nodes a case can rest in: every node below the root but the `checking` nodes, which only route on entry. */
export function restingNodes(node: AnyStateNode): AnyStateNode[] {
  const children = Object.values(node.states) as AnyStateNode[];
  const own = node.parent && !node.always?.length ? [node] : [];
  return [...own, ...children.flatMap(restingNodes)];
}

/** How a node counts for coverage: its id, or a kind shared by nodes one factory builds several times. */
export type NodeShape = (id: string) => string;

/** The kinds of node `machine` can rest in, sorted. */
export function restingNodeKinds(machine: AnyStateMachine, shape: NodeShape = (id) => id): string[] {
  return [...new Set(restingNodes(machine.root).map((node) => shape(node.id)))].sort();
}

/** The state nodes some path rested in, recorded snapshot by snapshot for a coverage check at the end. */
export class VisitedNodes {
  readonly #visited = new Set<string>();

  constructor(private readonly shape: NodeShape = (id) => id) {}

  /** Records every node `snapshot` rests in (the root aside). */
  note(snapshot: AnyMachineSnapshot): void {
    for (const node of snapshot._nodes as AnyStateNode[])
      if (node.parent) this.#visited.add(this.shape(node.id));
  }

  /** The kinds of node rested in so far, sorted. */
  kinds(): string[] {
    return [...this.#visited].sort();
  }

  /** Those of `kinds` no path has rested in yet. */
  unreached(kinds: Iterable<string>): string[] {
    return [...kinds].filter((kind) => !this.#visited.has(kind));
  }
}
