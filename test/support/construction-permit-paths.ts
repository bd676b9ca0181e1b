import { getShortestPaths } from '@xstate/graph';
import {
  initialTransition,
  transition,
  type AnyMachineSnapshot,
  type AnyStateNode,
  type StateValue,
} from 'xstate';
import { referenceCalendar } from '../../src/calendar/index.ts';
import type { EventInput, MachineEvent } from '../../src/engine/workflow.ts';
import { createRegistry } from '../../workflows/index.ts';
import { leaves } from './cases.ts';
import { VisitedNodes } from './path-coverage.ts';
import {
  allReviewDepartments,
  minimalPermitForm,
  permitForm,
  reportBookPermitForm,
} from '../fixtures/construction-permit.ts';

/*
 * The construction permit's paths for the model-based tests (test/workflows/construction-permit.paths.test.ts):
 * @xstate/graph walks the machine with domain events only; each coverage target gets the shortest path that
 * reaches it.
 */

/** Version 1 of the construction permit as the registry builds it on the reference calendar, and its timer events. */
export const { machine, timerEvents } = createRegistry(referenceCalendar()).get('construction-permit', 1);

/** The traversal's events carry a fixed time; the engine replay takes its times from the clock instead. */
const AT = '2026-03-02T01:00:00.000Z';
/** When the replays start: Monday 2 March 2026, 09:00 in Shanghai. */
export const START = '2026-03-02T09:00:00+08:00';
const PLEDGE_DATE = '2026-03-20';

/** The facts variations of the form: who reviews depends on them. */
const forms = new Map<Record<string, unknown>, string>([
  [permitForm, 'all departments'],
  [minimalPermitForm, 'minimal form'],
  [reportBookPermitForm, 'environmental report book'],
]);

const reasons = (department: string) => `${department}: the stamped drawings are missing`;
const domainEvents: MachineEvent[] = [
  ...[...forms.keys()].map((form) => ({ type: 'SUBMIT', at: AT, form })),
  { type: 'ACCEPT', department: 'window', at: AT },
  {
    type: 'ACCEPT_WITH_DEFICIENCIES',
    department: 'window',
    data: { items: ['land-survey-report'], pledgeDate: PLEDGE_DATE },
    at: AT,
  },
  { type: 'REQUEST_SUPPLEMENT', department: 'window', comment: reasons('window'), at: AT },
  { type: 'REFUSE', department: 'window', comment: 'not a construction project', at: AT },
  {
    type: 'EXTEND',
    department: 'window',
    comment: 'expert review of the foundations',
    data: { workingDays: 10 },
    at: AT,
  },
  { type: 'ISSUE', department: 'window', at: AT },
  ...allReviewDepartments.flatMap((department) => [
    { type: 'APPROVE', department, comment: 'complies', at: AT },
    { type: 'REQUEST_SUPPLEMENT', department, comment: reasons(department), at: AT },
    { type: 'DENY', department, comment: `${department}: breaks the regulations`, at: AT },
  ]),
  // Version 2: the fire department's expert review (特别程序), ended by the opinion or by the cap's timer.
  { type: 'START_EXPERT_REVIEW', department: 'fire', comment: 'special fire design', at: AT },
  { type: 'RECORD_EXPERT_OPINION', department: 'fire', comment: 'the design is sound', at: AT },
  { type: 'EXPERT_REVIEW_CAP_REACHED', at: AT },
  { type: 'SUPPLEMENT', at: AT },
  { type: 'WITHDRAW', at: AT },
  // Sent by the fees routes; the machine only counts them (stateKey leaves the count out: ISSUE's refusal while
  // a fee is outstanding is tested with the fees routes).
  { type: 'FEE_ASSESSED', department: 'window', at: AT },
  { type: 'FEE_SETTLED', department: 'window', at: AT },
  { type: 'PLEDGE_DUE', at: AT },
  { type: 'SUSPENSION_LAPSED', at: AT },
];

/** The status docs/api.md's status table gives a state value, derived independently of the machine's tags. */
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

/**
 * Two snapshots are the same state when nothing can tell them apart any more: the state value, plus the
 * context that still steers a guard. Before acceptance that is the form's facts and whether the window has
 * asked for its one supplement; afterwards only whether the one extension has been granted (the facts and the
 * pledge were used on entering the review and never read again). A concluded case has nothing left.
 */
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

interface Step {
  event: MachineEvent;
  /** The snapshot after the event. */
  state: AnyMachineSnapshot;
}

/** Every reachable state with the shortest event sequence that reaches it. */
export const shortestPaths = getShortestPaths(machine, {
  events: domainEvents,
  serializeState: stateKey,
  // A concluded case takes no more events (the engine refuses them), so the walk ends there.
  stopWhen: (snapshot: AnyMachineSnapshot) => snapshot.status !== 'active',
}).map((path) => ({
  state: path.state as AnyMachineSnapshot,
  steps: path.steps
    .filter((step) => step.event.type !== 'xstate.init')
    .map((step) => ({ event: step.event as MachineEvent, state: step.state as AnyMachineSnapshot })),
}));

/** Every transition the machine declares for an event (the `onDone` of the review is taken by the last approval). */
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

/** What a replay must show: named coverage targets, each reached by the shortest path that reaches it. */
interface PlannedPath {
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

  const special: Array<[string, (s: AnyMachineSnapshot) => boolean]> = [
    [
      'suspended while a department waits for papers (suspended wins over supplementing)',
      (s) =>
        leaves(s.value).includes('accepted.review.deficiencies.suspended') &&
        leaves(s.value).some((l) => l.endsWith('.awaitingSupplement')),
    ],
    [
      'one department waits for papers while another keeps reviewing',
      (s) =>
        leaves(s.value).some((l) => l.endsWith('.awaitingSupplement')) &&
        leaves(s.value).some((l) => l.endsWith('.reviewing')),
    ],
    [
      'every department approved, pledged papers still outstanding',
      (s) =>
        leaves(s.value).includes('accepted.review.deficiencies.pledged') &&
        !leaves(s.value).some((l) => l.endsWith('.reviewing') || l.endsWith('.awaitingSupplement')),
    ],
    [
      'limit extended',
      (s) => s.status === 'active' && (s.context as { extensionDays: number }).extensionDays > 0,
    ],
  ];

  const nodes = new VisitedNodes();
  for (const path of byLength) {
    nodes.note(path.state);
    for (const node of path.state._nodes as AnyStateNode[])
      if (node.parent) choose(`node ${node.id}`, path.steps);
    choose(`status ${expectedStatus(path.state.value)}`, path.steps);
    for (const [name, matches] of special) if (matches(path.state)) choose(name, path.steps);
  }

  // Transition coverage: every transition from the nearest state where it is enabled. Paths come shortest
  // first, so the walk may stop once every declared transition has been found.
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

  // A path that is the beginning of a longer one is covered by it: the replay checks every step.
  const signature = (steps: Step[]) => steps.map((s) => JSON.stringify(s.event));
  const grouped = new Map<string, PlannedPath>();
  for (const [target, steps] of chosen) {
    const key = signature(steps).join('\n');
    const entry = grouped.get(key) ?? { steps, covers: [] };
    entry.covers.push(target);
    grouped.set(key, entry);
  }
  const all = [...grouped.values()].sort((a, b) => b.steps.length - a.steps.length);
  const planned: PlannedPath[] = [];
  for (const path of all) {
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

/**
 * The snapshots these very events produce. The traversal keeps one snapshot per state, so a path's snapshots
 * may carry context from another path to the same state (a pledge, an extension); the replay compares the
 * engine with the exact ones.
 */
function replayPure(events: MachineEvent[]): Step[] {
  let state: AnyMachineSnapshot = initialTransition(machine)[0];
  return events.map((event) => {
    const [next] = transition(machine, state, event);
    if (next === state)
      throw new Error(`the traversal's ${event.type} does not move ${JSON.stringify(state.value)}`);
    state = next;
    return { event, state };
  });
}

/** The paths to replay, and the state nodes and transitions they reach between them. */
export const { planned, nodes: reachedNodes, transitions: takenTransitions } = planReplays();

/** An event as a path's title names it: `APPROVE/planning`, `SUBMIT(minimal form)`. */
export function describeEvent(event: MachineEvent): string {
  if (event.type === 'SUBMIT') return `SUBMIT(${forms.get(event.form as Record<string, unknown>)})`;
  return event.department ? `${event.type}/${event.department}` : event.type;
}

/** The form a path's submission carries; the engine must find the same one on the stored draft. */
export function formOf(steps: Step[]): Record<string, unknown> {
  const submit = steps.find((s) => s.event.type === 'SUBMIT');
  return (submit?.event.form as Record<string, unknown> | undefined) ?? minimalPermitForm;
}

/** The event as a caller sends it: no time (the engine stamps it) and no form (the engine takes the draft's). */
export function asSent({ type, department, comment, data }: MachineEvent): EventInput {
  return {
    type,
    ...(department === undefined ? {} : { department }),
    ...(comment === undefined ? {} : { comment }),
    ...(data === undefined ? {} : { data: structuredClone(data) }),
  };
}
