/**
 * Reads the statechart the service publishes as Mermaid text (GET /workflows/:id/diagram) into a tree of
 * states, enough to list them with the active ones marked; no Mermaid renderer is needed for that.
 */

export interface StateNode {
  /** The Mermaid id (`accepted_review_planning`). */
  id: string;
  /** The state's key in the statechart (`planning`). */
  key: string;
  /** What the diagram notes about the state: its task and time limit, a stopped clock. */
  notes: string[];
  children: StateNode[];
  /** Children are parallel regions (the block had `--` separators). */
  parallel: boolean;
}

const decode = (text: string) =>
  text.replace(/#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));

/** The top-level states of the diagram, each with its nested states. */
export function parseMermaid(text: string): StateNode[] {
  const root: StateNode = { id: '', key: '', notes: [], children: [], parallel: false };
  const byId = new Map<string, StateNode>();
  const stack: StateNode[] = [root];
  const declare = (id: string, label: string): StateNode => {
    const existing = byId.get(id);
    if (existing) return existing;
    const [key = id, ...rest] = decode(label).split(': ');
    const node: StateNode = {
      id,
      key,
      notes: rest.length ? [rest.join(': ')] : [],
      children: [],
      parallel: false,
    };
    byId.set(id, node);
    stack[stack.length - 1]!.children.push(node);
    return node;
  };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    let m: RegExpMatchArray | null;
    if (!line || line.startsWith('stateDiagram') || line.startsWith('%%') || line.includes('-->')) continue;
    if (line === '--') stack[stack.length - 1]!.parallel = true;
    else if (line === '}') stack.length > 1 && stack.pop();
    else if ((m = line.match(/^state "(.*)" as (\S+)$/))) {
      if (m[1] !== '(any state)') declare(m[2]!, m[1]!);
    } else if ((m = line.match(/^state (\S+) \{$/))) stack.push(declare(m[1]!, m[1]!));
    else if ((m = line.match(/^(\S+) : (.*)$/))) byId.get(m[1]!)?.notes.push(decode(m[2]!));
    else if (/^\S+$/.test(line)) declare(line, line);
  }
  return root.children;
}

/** Every active path of a state value: `{accepted: {review: {planning: 'approved'}}}` → `accepted.review.planning.approved` and its prefixes. */
export function activePaths(value: unknown, prefix: string[] = []): Set<string> {
  const paths = new Set<string>();
  if (typeof value === 'string') {
    paths.add([...prefix, value].join('.'));
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      paths.add([...prefix, key].join('.'));
      for (const path of activePaths(child, [...prefix, key])) paths.add(path);
    }
  }
  for (let i = 1; i < prefix.length; i++) paths.add(prefix.slice(0, i).join('.'));
  return paths;
}
