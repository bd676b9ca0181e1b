import { getShortestPaths } from '@xstate/graph';
import { expect } from 'chai';
import {
  initialTransition,
  transition,
  type AnyMachineSnapshot,
  type AnyStateNode,
  type StateValue,
} from 'xstate';
import { referenceCalendar } from '../../src/calendar/index.ts';
import { EventNotAllowedError } from '../../src/errors/index.ts';
import { activeTasks, statusOf } from '../../src/engine/machine-state.ts';
import type { EventInput, MachineEvent } from '../../src/engine/workflow.ts';
import { limits } from '../../workflows/construction-permit.ts';
import { createRegistry } from '../../workflows/index.ts';
import {
  createPermit,
  fireTimer,
  leaves,
  loadCase,
  openTasks,
  send,
  timersOf,
  WITHDRAW,
} from '../support/cases.ts';
import {
  allReviewDepartments,
  copy,
  minimalPermitForm,
  permitForm,
  reportBookPermitForm,
} from '../fixtures/construction-permit.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createHarness, type Harness } from '../support/harness.ts';

/*
 * Model-based tests: @xstate/graph walks the construction-permit machine with domain events only, and the
 * shortest paths it finds are replayed through the real engine on a real database.
 */

const { machine, timerEvents } = createRegistry(referenceCalendar()).get('construction-permit');

/** The traversal's events carry a fixed time; the engine replay takes its times from the clock instead. */
const AT = '2026-03-02T01:00:00.000Z';
const START = '2026-03-02T09:00:00+08:00';
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
  { type: 'SUPPLEMENT', at: AT },
  { type: 'WITHDRAW', at: AT },
  // Sent by the fees routes; the machine only counts them (stateKey leaves the count out: ISSUE's refusal while
  // a fee is outstanding is tested with the fees routes).
  { type: 'FEE_ASSESSED', department: 'window', at: AT },
  { type: 'FEE_SETTLED', department: 'window', at: AT },
  { type: 'PLEDGE_DUE', at: AT },
  { type: 'SUSPENSION_LAPSED', at: AT },
];

/** The status API.md's table gives a state value, derived independently of the machine's tags. */
function expectedStatus(value: StateValue): string {
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
const shortestPaths = getShortestPaths(machine, {
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

/** State nodes a case can rest in (the `checking` nodes only route on entry). */
function restingNodes(node: AnyStateNode): AnyStateNode[] {
  const children = Object.values(node.states) as AnyStateNode[];
  const own = node.parent && !node.always?.length ? [node] : [];
  return [...own, ...children.flatMap(restingNodes)];
}

/** Every transition the machine declares for an event (the `onDone` of the review is taken by the last approval). */
function declaredTransitions(node: AnyStateNode): string[] {
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

function planReplays(): { planned: PlannedPath[]; nodes: Set<string>; transitions: Set<string> } {
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

  for (const path of byLength) {
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
  const nodes = new Set([...chosen.keys()].filter((k) => k.startsWith('node ')).map((k) => k.slice(5)));
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

const { planned, nodes: reachedNodes, transitions: takenTransitions } = planReplays();

function describeEvent(event: MachineEvent): string {
  if (event.type === 'SUBMIT') return `SUBMIT(${forms.get(event.form as Record<string, unknown>)})`;
  return event.department ? `${event.type}/${event.department}` : event.type;
}

/** The form a path's submission carries; the engine must find the same one on the stored draft. */
function formOf(steps: Step[]): Record<string, unknown> {
  const submit = steps.find((s) => s.event.type === 'SUBMIT');
  return (submit?.event.form as Record<string, unknown> | undefined) ?? minimalPermitForm;
}

/** The event as a caller sends it: no time (the engine stamps it) and no form (the engine takes the draft's). */
function asSent({ type, department, comment, data }: MachineEvent): EventInput {
  return {
    type,
    ...(department === undefined ? {} : { department }),
    ...(comment === undefined ? {} : { comment }),
    ...(data === undefined ? {} : { data: structuredClone(data) }),
  };
}

describe('construction-permit paths', () => {
  it('should reach every state node of the machine by domain events alone', () => {
    const all = restingNodes(machine.root).map((n) => n.id);
    expect([...reachedNodes].sort()).to.deep.equal([...all].sort());
  });

  it('should take every transition the machine declares', () => {
    const declared = declaredTransitions(machine.root);
    expect([...takenTransitions].sort()).to.deep.equal([...new Set(declared)].sort());
  });

  it('should give every reachable state the status that API.md lists for it', () => {
    expect(shortestPaths.length).to.be.greaterThan(1000);
    for (const path of shortestPaths) {
      expect(statusOf(path.state), JSON.stringify(path.state.value)).to.equal(
        expectedStatus(path.state.value),
      );
    }
  });

  it('should reach all five reviews only with the full form and both reviews only with the minimal form', () => {
    const accepted = (form: Record<string, unknown>) =>
      shortestPaths.find(
        (p) => p.steps.length === 2 && p.steps[0]!.event.form === form && p.steps[1]!.event.type === 'ACCEPT',
      )!;
    expect([...activeTasks(accepted(permitForm).state).values()].map((t) => t.department)).to.have.members([
      ...allReviewDepartments,
    ]);
    expect(
      [...activeTasks(accepted(minimalPermitForm).state).values()].map((t) => t.department),
    ).to.have.members(['planning', 'housing']);
    const book = [...activeTasks(accepted(reportBookPermitForm).state).values()];
    expect(book.find((t) => t.department === 'environment')?.limitDays).to.equal(limits.environmentBook);
  });
});

describeEachDatabase('construction-permit paths replayed on the engine', (kind) => {
  let h: Harness;
  before(async () => {
    h = await createHarness(kind, START);
  });
  after(async () => {
    await h?.close();
  });

  for (const path of planned) {
    const route = path.steps.map((s) => describeEvent(s.event)).join(' → ') || '(created)';
    it(`should follow ${route}`, async () => {
      h.clock.set(START);
      const id = await createPermit(h, { form: copy(formOf(path.steps)) });
      try {
        const draft = await loadCase(h, id);
        expect([draft.state, draft.status, draft.version]).to.deep.equal(['draft', 'draft', 1]);
        // When the last event is recorded: the clock, or a timer's due time.
        let recordedAt = h.clock.now();
        for (const [i, step] of path.steps.entries()) {
          const where = `step ${i + 1} (${describeEvent(step.event)}) of ${route}; covers ${path.covers.join('; ')}`;
          if (timerEvents.includes(step.event.type)) {
            const { sweep, at } = await fireTimer(h, id, step.event.type);
            expect(sweep, where).to.deep.equal({ fired: 1, stale: 0, failed: [] });
            recordedAt = at;
          } else {
            h.clock.advance({ hours: 1 });
            await send(h, id, asSent(step.event));
            recordedAt = h.clock.now();
          }
          const app = await loadCase(h, id);
          expect(app.state, where).to.deep.equal(step.state.value);
          expect(app.status, where).to.equal(expectedStatus(step.state.value));
          expect(app.version, where).to.equal(i + 2);
        }

        const app = await loadCase(h, id);
        const final = path.steps.at(-1)?.state;
        if (!final) {
          expect(app.status).to.equal('draft');
          return;
        }
        expect(h.engine.snapshotOf(app).context).to.deep.equal(final.context);
        const expectedTasks = [...activeTasks(final).entries()].map(([node, t]) => `${node} ${t.department}`);
        const open = (await openTasks(h, id)).map((t) => `${t.node} ${t.department}`);
        expect(open).to.have.members(expectedTasks);

        if (final.status === 'done') {
          expect(app.concludedAt).to.equal(recordedAt.toISOString());
          expect(await timersOf(h, id)).to.deep.equal([]);
          const error = await send(h, id, WITHDRAW).catch((e: unknown) => e);
          expect(error).to.be.instanceOf(EventNotAllowedError);
          expect((await loadCase(h, id)).version).to.equal(app.version);
        } else {
          expect(app.concludedAt).to.equal(null);
        }
      } finally {
        // Pending timers of this case must not fire into the next path's replay.
        await h.db.knex('timers').where({ application_id: id }).del();
      }
    });
  }
});
