import { expect } from 'chai';
import { and, cancel, createActor, not, or, raise, setup, stateIn } from 'xstate';
import { describeMachine, guardName } from '../../src/engine/describe.ts';
import type { StateDescription } from '../../src/engine/describe.ts';
import { toMermaid } from '../../src/engine/mermaid.ts';

type Events =
  | { type: 'SUBMIT' }
  | { type: 'ACCEPT' }
  | { type: 'REJECT' }
  | { type: 'INTAKE_OVERDUE' }
  | { type: 'REQUEST_MATERIALS'; department: string }
  | { type: 'SUPPLEMENT' }
  | { type: 'APPROVE'; department: string }
  | { type: 'WITHDRAW' };

const ID = 'test-permit';

/** A small workflow following the conventions; built fresh per call to check the output is stable. */
function makeMachine() {
  return setup({
    types: { events: {} as Events },
    guards: {
      fromDepartment: ({ event }, params: { department: string }) =>
        'department' in event && event.department === params.department,
      allClear: () => true,
    },
    actions: { notifyOverdue: () => {} },
    delays: { applicantTimeout: 60_000 },
  }).createMachine({
    id: ID,
    initial: 'draft',
    on: { WITHDRAW: '.withdrawn' },
    states: {
      draft: { tags: ['status:draft'], on: { SUBMIT: 'intake' } },
      intake: {
        tags: ['status:intake'],
        meta: { task: { department: 'window', action: 'intake', limitDays: 5 }, source: 'Art. 5' },
        entry: raise({ type: 'INTAKE_OVERDUE' }, { delay: 5_000, id: 'intake-deadline' }),
        exit: cancel('intake-deadline'),
        on: { ACCEPT: 'review', REJECT: 'rejected', INTAKE_OVERDUE: { actions: 'notifyOverdue' } },
      },
      review: {
        type: 'parallel',
        tags: ['status:in_review'],
        onDone: 'done',
        states: {
          planning: {
            initial: 'review',
            states: {
              review: {
                meta: { task: { department: 'planning', action: 'review', limitDays: 20 } },
                initial: 'working',
                on: {
                  APPROVE: {
                    target: 'approved',
                    guard: { type: 'fromDepartment', params: { department: 'planning' } },
                  },
                },
                states: {
                  working: {
                    on: {
                      REQUEST_MATERIALS: {
                        target: 'waiting',
                        guard: { type: 'fromDepartment', params: { department: 'planning' } },
                      },
                    },
                  },
                  waiting: { tags: ['clock:applicant'], on: { SUPPLEMENT: 'working' } },
                },
              },
              approved: { type: 'final' },
            },
          },
          'fire-safety': {
            initial: 'review',
            states: {
              review: {
                meta: { task: { department: 'fire', action: 'inspect', limitDays: 15 }, source: 'GB 50016' },
                initial: 'working',
                on: {
                  APPROVE: {
                    target: 'approved',
                    guard: and([
                      { type: 'fromDepartment', params: { department: 'fire' } },
                      not(stateIn({ review: { planning: { review: 'waiting' } } })),
                    ]),
                  },
                },
                states: {
                  working: {
                    on: {
                      REQUEST_MATERIALS: {
                        target: 'waiting',
                        guard: { type: 'fromDepartment', params: { department: 'fire' } },
                      },
                    },
                  },
                  waiting: {
                    tags: ['clock:applicant'],
                    on: { SUPPLEMENT: 'working' },
                    after: { applicantTimeout: `#${ID}.rejected` },
                  },
                },
              },
              approved: { type: 'final' },
            },
          },
        },
      },
      done: { always: [{ target: 'approved', guard: 'allClear' }, { target: 'rejected' }] },
      approved: { type: 'final', meta: { status: 'approved' } },
      rejected: { type: 'final', meta: { status: 'rejected' } },
      withdrawn: { type: 'final', meta: { status: 'withdrawn' } },
    },
  });
}

const machine = makeMachine();
const p = (...keys: string[]) => [ID, ...keys].join('.');

describe('describe', () => {
  const description = describeMachine(machine);
  const state = (...keys: string[]): StateDescription => {
    const found = description.states.find((s) => s.id === p(...keys));
    if (!found) throw new Error(`no state ${p(...keys)}`);
    return found;
  };

  it('should describe a fixture that actually runs to approval', () => {
    const actor = createActor(makeMachine()).start();
    for (const event of [
      { type: 'SUBMIT' },
      { type: 'ACCEPT' },
      { type: 'APPROVE', department: 'fire' },
      { type: 'APPROVE', department: 'planning' },
    ] as const) {
      actor.send(event);
    }
    expect(actor.getSnapshot().value).to.equal('approved');
    expect(actor.getSnapshot().status).to.equal('done');
  });

  it('should list every node in document order with its path and type', () => {
    expect(description.id).to.equal(ID);
    expect(description.initial).to.equal(p('draft'));
    expect(description.states.map((s) => s.path.join('.'))).to.deep.equal([
      '',
      'draft',
      'intake',
      'review',
      'review.planning',
      'review.planning.review',
      'review.planning.review.working',
      'review.planning.review.waiting',
      'review.planning.approved',
      'review.fire-safety',
      'review.fire-safety.review',
      'review.fire-safety.review.working',
      'review.fire-safety.review.waiting',
      'review.fire-safety.approved',
      'done',
      'approved',
      'rejected',
      'withdrawn',
    ]);
    expect(state('review').type).to.equal('parallel');
    expect(state('review', 'planning', 'review').type).to.equal('compound');
    expect(state('review', 'planning', 'review').initial).to.equal(
      p('review', 'planning', 'review', 'working'),
    );
    expect(state('approved').type).to.equal('final');
  });

  it('should read tasks, clock stops and statuses from the conventions', () => {
    expect(state('intake').task).to.deep.equal({
      department: 'window',
      action: 'intake',
      limitDays: 5,
      source: 'Art. 5',
    });
    expect(state('review', 'planning', 'review').task).to.deep.equal({
      department: 'planning',
      action: 'review',
      limitDays: 20,
    });
    expect(state('review', 'fire-safety', 'review').task?.source).to.equal('GB 50016');
    expect(state('review', 'planning', 'review', 'waiting').stopsClock).to.equal('applicant');
    expect(state('review', 'planning', 'review', 'working')).to.not.have.property('stopsClock');
    expect(state('review', 'planning', 'review', 'waiting').tags).to.deep.equal(['clock:applicant']);
    expect(state('draft')).to.not.have.property('task');
    expect(state('review').status).to.equal('in_review');
    expect(state('approved').status).to.equal('approved');
    expect(state('withdrawn').status).to.equal('withdrawn');
  });

  it('should describe transitions with target ids and readable guards', () => {
    expect(state('draft').on).to.deep.equal([{ event: 'SUBMIT', targets: [p('intake')] }]);
    expect(state('intake').on).to.deep.equal([
      { event: 'ACCEPT', targets: [p('review')] },
      { event: 'REJECT', targets: [p('rejected')] },
      { event: 'INTAKE_OVERDUE', targets: [] },
    ]);
    expect(state('review', 'planning', 'review').on).to.deep.equal([
      { event: 'APPROVE', targets: [p('review', 'planning', 'approved')], guard: 'fromDepartment(planning)' },
    ]);
    expect(state('review', 'fire-safety', 'review').on[0]?.guard).to.equal(
      'and(fromDepartment(fire), not(stateIn(review.planning.review.waiting)))',
    );
    expect(state('review', 'fire-safety', 'review', 'waiting').on).to.deep.equal([
      { event: 'SUPPLEMENT', targets: [p('review', 'fire-safety', 'review', 'working')] },
      { event: 'after(applicantTimeout)', targets: [p('rejected')] },
    ]);
    expect(state('review').on).to.deep.equal([{ event: 'done', targets: [p('done')] }]);
    expect(state('done').on).to.deep.equal([
      { event: 'always', targets: [p('approved')], guard: 'allClear' },
      { event: 'always', targets: [p('rejected')] },
    ]);
    expect(description.states[0]?.on).to.deep.equal([{ event: 'WITHDRAW', targets: [p('withdrawn')] }]);
  });

  it('should list external events only, sorted', () => {
    expect(description.events).to.deep.equal([
      'ACCEPT',
      'APPROVE',
      'INTAKE_OVERDUE',
      'REJECT',
      'REQUEST_MATERIALS',
      'SUBMIT',
      'SUPPLEMENT',
      'WITHDRAW',
    ]);
  });

  it('should be JSON-serialisable without loss', () => {
    expect(JSON.parse(JSON.stringify(description))).to.deep.equal(description);
  });

  it('should name every kind of guard', () => {
    expect(guardName('allClear')).to.equal('allClear');
    expect(guardName({ type: 'isLate' })).to.equal('isLate');
    expect(guardName({ type: 'within', params: { days: 5, unit: 'WD' } })).to.equal(
      'within(days=5, unit=WD)',
    );
    expect(guardName({ type: 'dyn', params: () => ({}) })).to.equal('dyn(dynamic)');
    expect(guardName(or(['a', not('b')]))).to.equal('or(a, not(b))');
    expect(guardName(stateIn('#x.y'))).to.equal('stateIn(#x.y)');
    expect(guardName({ guard: () => true }.guard)).to.equal('inline');
    expect(guardName(function isWeekend() {return false;})).to.equal('isWeekend'); // prettier-ignore
  });
});

describe('mermaid', () => {
  const text = toMermaid(machine);
  const lines = text.split('\n');
  const indexOf = (line: string) => {
    const i = lines.indexOf(line);
    expect(i, `line ${JSON.stringify(line)}`).to.be.greaterThan(-1);
    return i;
  };

  it('should start with the diagram header and mark initial and final states', () => {
    expect(text.startsWith('stateDiagram-v2\n')).to.equal(true);
    indexOf('  [*] --> draft');
    indexOf('  approved --> [*]');
    indexOf('      [*] --> review_planning_review');
    indexOf('        [*] --> review_planning_review_working');
    indexOf('      review_planning_approved --> [*]');
  });

  it('should nest compound and parallel states, with -- between parallel regions', () => {
    const review = indexOf('  state review {');
    const planning = indexOf('    state review_planning {');
    const divider = indexOf('    --');
    const fire = indexOf('    state review_fire_safety {');
    const working = indexOf('      state review_planning_review {');
    expect(review).to.be.lessThan(planning);
    expect(planning).to.be.lessThan(working);
    expect(working).to.be.lessThan(divider);
    expect(divider).to.be.lessThan(fire);
    expect(lines.indexOf('  }', review)).to.be.greaterThan(fire);
    indexOf('    [*] --> review_planning');
    indexOf('    [*] --> review_fire_safety');
    expect(lines.filter((l) => l.trim() === '--')).to.have.length(1);
  });

  it('should label nodes with their keys, tasks and clock stops', () => {
    indexOf('    state "planning" as review_planning');
    indexOf('    state "fire-safety" as review_fire_safety');
    indexOf('      state "review: planning review (20 WD)" as review_planning_review');
    indexOf('  intake : window intake (5 WD)');
    indexOf('        state "waiting" as review_planning_review_waiting');
    indexOf('        review_planning_review_waiting : clock stopped (applicant)');
  });

  it('should draw every targeted transition with its event and guard', () => {
    const edges = lines.filter((l) => l.includes(' --> ') && !l.includes('[*]')).map((l) => l.trim());
    const expected: string[] = [];
    for (const s of describeMachine(machine).states) {
      for (const t of s.on) {
        const label = (t.guard ? `${t.event} [${t.guard}]` : t.event).replace(/#/g, '#35;');
        for (let i = 0; i < t.targets.length; i++) expected.push(label);
      }
    }
    expect(edges.map((l) => l.slice(l.indexOf(' : ') + 3)).sort()).to.deep.equal(expected.sort());
    indexOf('        review_planning_review_working --> review_planning_review_waiting : REQUEST_MATERIALS [fromDepartment(planning)]'); // prettier-ignore
    indexOf('  review_fire_safety_review_waiting --> rejected : after(applicantTimeout)');
    indexOf('  done --> approved : always [allClear]');
    indexOf('  review --> done : done');
    indexOf('  state "(any state)" as any_state');
    indexOf('  any_state --> withdrawn : WITHDRAW');
  });

  it('should give every state a unique id that every edge refers to', () => {
    const declared: string[] = [];
    for (const line of lines) {
      const labelled = /^\s*state "[^"]*" as (\w+)$/.exec(line);
      const bare = /^\s*(\w+)$/.exec(line);
      if (labelled) declared.push(labelled[1]!);
      else if (bare) declared.push(bare[1]!);
      else if (/^\s*state (\w+) \{$/.test(line) && !declared.includes(/state (\w+)/.exec(line)![1]!)) {
        declared.push(/state (\w+)/.exec(line)![1]!);
      }
    }
    expect(new Set(declared).size).to.equal(declared.length);
    // Every node but the root, plus the "any state" pseudo-node.
    expect(declared).to.have.length(describeMachine(machine).states.length);
    for (const line of lines.filter((l) => l.includes(' --> '))) {
      const [from, to] = line.trim().split(' : ')[0]!.split(' --> ');
      for (const end of [from!, to!]) if (end !== '[*]') expect(declared).to.include(end);
    }
  });

  it('should be deterministic', () => {
    expect(toMermaid(machine)).to.equal(text);
    expect(toMermaid(makeMachine())).to.equal(text);
  });

  it('should keep ids unique and valid when keys clash or are keywords', () => {
    const clash = setup({}).createMachine({
      id: 'clash',
      initial: 'a_b',
      states: {
        a_b: { initial: 'c', states: { c: {} } },
        a: { initial: 'b_c', states: { b_c: {} } },
        note: { on: { GO: 'a_b' } },
      },
    });
    const out = toMermaid(clash);
    expect(out).to.include('state "c" as a_b_c\n');
    expect(out).to.include('state "b_c" as a_b_c_2\n');
    expect(out).to.include('state "note" as s_note\n');
    expect(out).to.include('s_note --> a_b : GO');
  });
});
