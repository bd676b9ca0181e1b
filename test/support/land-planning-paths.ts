import { getShortestPaths } from '@xstate/graph';
import {
  initialTransition,
  transition,
  type AnyMachineSnapshot,
  type AnyStateNode,
  type StateValue,
} from 'xstate';
import { referenceCalendar } from '../../src/calendar/index.ts';
import type { MachineEvent } from '../../src/engine/workflow.ts';
import { createRegistry } from '../../workflows/index.ts';
import {
  approvalLandPlanningForm,
  approvedLandPlanningForm,
  landPlanningForm,
} from '../fixtures/land-planning.ts';
import { leaves } from './cases.ts';
import { VisitedNodes } from './path-coverage.ts';

/*
 * Stage 1's paths for the model-based tests (test/workflows/land-planning.paths.test.ts): @xstate/graph walks
 * the machine with domain events only; each coverage target gets the shortest path that reaches it.
 */

/** The machine as the registry builds it on the reference calendar, and its timer events. */
export const { machine, timerEvents } = createRegistry(referenceCalendar()).get('land-planning');

const AT = '2026-03-02T01:00:00.000Z';
/** Monday 2 March 2026, 09:00 in Shanghai. */
export const START = '2026-03-02T09:00:00+08:00';

/** The variations of the form: which steps run depends on them. */
export const forms = new Map<Record<string, unknown>, string>([
  [landPlanningForm, 'filing'],
  [approvalLandPlanningForm, 'approval'],
  [approvedLandPlanningForm, 'approved land'],
]);

const DEPARTMENTS = ['development-reform', 'natural-resources', 'planning'];
const reasons = (department: string) => `${department}: the site plan is missing`;
const domainEvents: MachineEvent[] = [
  ...[...forms.keys()].map((form) => ({ type: 'SUBMIT', at: AT, form })),
  { type: 'ACCEPT', department: 'window', at: AT },
  {
    type: 'ACCEPT_WITH_DEFICIENCIES',
    department: 'window',
    data: { items: ['site-plan'], pledgeDate: '2026-03-20' },
    at: AT,
  },
  { type: 'REQUEST_SUPPLEMENT', department: 'window', comment: reasons('window'), at: AT },
  { type: 'REFUSE', department: 'window', comment: 'not an investment project', at: AT },
  { type: 'EXTEND', department: 'window', comment: 'site hearing', data: { workingDays: 10 }, at: AT },
  { type: 'ISSUE', department: 'window', at: AT },
  ...DEPARTMENTS.flatMap((department) => [
    { type: 'APPROVE', department, comment: 'complies', at: AT },
    { type: 'REQUEST_SUPPLEMENT', department, comment: reasons(department), at: AT },
    { type: 'DENY', department, comment: `${department}: breaks the land plan`, at: AT },
  ]),
  { type: 'SUPPLEMENT', at: AT },
  { type: 'WITHDRAW', at: AT },
  { type: 'FEE_ASSESSED', department: 'window', at: AT },
  { type: 'FEE_SETTLED', department: 'window', at: AT },
  { type: 'PLEDGE_DUE', at: AT },
  { type: 'SUSPENSION_LAPSED', at: AT },
];

/** The status docs/api.md gives a state value, derived independently of the machine's tags. */
export function expectedStatus(value: StateValue): string {
  if (typeof value === 'string') {
    if (value === 'draft') return 'draft';
    if (['approved', 'denied', 'refused', 'withdrawn'].includes(value)) return value;
    throw new Error(`unexpected state ${value}`);
  }
  const active = leaves(value);
  if (active.some((leaf) => leaf.startsWith('intake.'))) {
    return active.includes('intake.awaitingSupplement') ? 'supplementing' : 'submitted';
  }
  if (active.includes('accepted.review.deficiencies.suspended')) return 'suspended';
  if (active.some((leaf) => leaf.endsWith('.awaitingSupplement'))) return 'supplementing';
  return 'in_review';
}

// Before acceptance the form's facts and the window's one request steer guards; afterwards only the extension.
function stateKey(snapshot: AnyMachineSnapshot): string {
  const context = snapshot.context as {
    needs: unknown;
    intakeSupplementAsked: boolean;
    extensionDays: number;
  };
  if (snapshot.status !== 'active') return JSON.stringify({ value: snapshot.value });
  const beforeAcceptance = leaves(snapshot.value).some((leaf) => !leaf.startsWith('accepted.'));
  return JSON.stringify(
    beforeAcceptance
      ? { value: snapshot.value, needs: context.needs, asked: context.intakeSupplementAsked }
      : { value: snapshot.value, extended: context.extensionDays > 0 },
  );
}

/** One step of a path: the event and the snapshot after it. */
export interface Step {
  event: MachineEvent;
  state: AnyMachineSnapshot;
}

/** Every reachable state with the shortest event sequence that reaches it. */
export const shortestPaths = getShortestPaths(machine, {
  events: domainEvents,
  serializeState: stateKey,
  stopWhen: (snapshot: AnyMachineSnapshot) => snapshot.status !== 'active',
}).map((path) => ({
  state: path.state as AnyMachineSnapshot,
  steps: path.steps
    .filter((step) => step.event.type !== 'xstate.init')
    .map((step) => ({ event: step.event as MachineEvent, state: step.state as AnyMachineSnapshot })),
}));

/** Every transition the machine declares for an event. */
export function declaredTransitions(node: AnyStateNode): string[] {
  const own = [...node.transitions.entries()]
    .filter(([eventType]) => !eventType.startsWith('xstate.'))
    .flatMap(([, transitions]) => transitions.map(transitionLabel));
  return [...own, ...(Object.values(node.states) as AnyStateNode[]).flatMap(declaredTransitions)];
}

function transitionLabel(t: { source: AnyStateNode; eventType: string; target?: readonly AnyStateNode[] }) {
  const target = t.target?.length ? t.target.map((n) => n.id).join(',') : '(stays)';
  return `${t.source.id} --${t.eventType}--> ${target}`;
}

/** A path to replay and the coverage targets it reaches. */
export interface PlannedPath {
  steps: Step[];
  covers: string[];
}

function planReplays(): { planned: PlannedPath[]; nodes: VisitedNodes; transitions: Set<string> } {
  const byLength = [...shortestPaths].sort((a, b) => a.steps.length - b.steps.length);
  const chosen = new Map<string, Step[]>();
  const choose = (target: string, steps: Step[]) => {
    const current = chosen.get(target);
    if (!current || current.length > steps.length) chosen.set(target, steps);
  };
  const nodes = new VisitedNodes();
  for (const path of byLength) {
    nodes.note(path.state);
    for (const node of path.state._nodes as AnyStateNode[])
      if (node.parent) choose(`node ${node.id}`, path.steps);
    choose(`status ${expectedStatus(path.state.value)}`, path.steps);
  }
  const declared = new Set(declaredTransitions(machine.root));
  const transitions = new Set<string>();
  for (const path of byLength) {
    if ([...declared].every((label) => transitions.has(label))) break;
    if (path.state.status !== 'active') continue;
    for (const event of domainEvents) {
      const enabled = machine.getTransitionData(path.state, event);
      if (!enabled.length) continue;
      const next: AnyMachineSnapshot = transition(machine, path.state, event)[0];
      if (next === path.state) continue;
      for (const t of enabled) {
        const label = transitionLabel(t);
        transitions.add(label);
        choose(`transition ${label}`, [...path.steps, { event, state: next }]);
      }
    }
  }
  // A path that begins a longer one is covered by it: the replay checks every step.
  const signature = (steps: Step[]) => steps.map((s) => JSON.stringify(s.event));
  const grouped = new Map<string, PlannedPath>();
  for (const [target, steps] of chosen) {
    const key = signature(steps).join('\n');
    const entry = grouped.get(key) ?? { steps, covers: [] };
    entry.covers.push(target);
    grouped.set(key, entry);
  }
  const planned: PlannedPath[] = [];
  for (const path of [...grouped.values()].sort((a, b) => b.steps.length - a.steps.length)) {
    const sig = signature(path.steps);
    const longer = planned.find((p) => sig.every((s, i) => signature(p.steps)[i] === s));
    if (longer) longer.covers.push(...path.covers);
    else planned.push(path);
  }
  return {
    planned: planned.reverse().map((p) => ({ ...p, steps: replayPure(p.steps.map((s) => s.event)) })),
    nodes,
    transitions,
  };
}

// The snapshots these very events produce (the traversal keeps one snapshot per state).
function replayPure(events: MachineEvent[]): Step[] {
  let state: AnyMachineSnapshot = initialTransition(machine)[0];
  return events.map((event) => {
    const [next] = transition(machine, state, event);
    if (next === state) throw new Error(`${event.type} does not move ${JSON.stringify(state.value)}`);
    state = next;
    return { event, state };
  });
}

/** The paths to replay, and the state nodes and transitions they reach between them. */
export const { planned, nodes: reachedNodes, transitions: takenTransitions } = planReplays();

/** An event as a path's title names it. */
export function describeEvent(event: MachineEvent): string {
  if (event.type === 'SUBMIT') return `SUBMIT(${forms.get(event.form as Record<string, unknown>)})`;
  return event.department ? `${event.type}/${event.department}` : event.type;
}
