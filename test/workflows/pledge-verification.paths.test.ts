import { getSimplePaths } from '@xstate/graph';
import { expect } from 'chai';
import { initialTransition, transition, type AnyMachineSnapshot, type AnyStateNode } from 'xstate';
import { referenceCalendar } from '../../src/calendar/index.ts';
import { activeTasks, statusOf } from '../../src/engine/machine-state.ts';
import type { MachineEvent } from '../../src/engine/workflow.ts';
import { createRegistry } from '../../workflows/index.ts';
import { minimalPermitForm } from '../fixtures/construction-permit.ts';
import { auditOf, fireTimer, loadCase, openTasks, timersOf } from '../support/cases.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { clerk, createHarness, ENTERPRISE, type Harness } from '../support/harness.ts';
import { restingNodeKinds, VisitedNodes } from '../support/path-coverage.ts';

/*
 * The pledge's machines: @xstate/graph walks the pledge verification (workflows/pledge-verification.ts) with
 * domain events only, and its simple paths (every way to each state) are replayed through the real engine on a real database; the
 * construction permit's version 2 decides a pledged item at once and only that item.
 */

const registry = createRegistry(referenceCalendar());
const { machine, timerEvents } = registry.get('pledge-verification');
const AT = '2026-03-02T01:00:00.000Z';
const START = '2026-03-02T09:00:00+08:00';
const input = {
  at: AT,
  applicant: ENTERPRISE,
  form: { application: 'case-1', licence: null, items: ['housing'] },
};

const domainEvents: MachineEvent[] = [
  { type: 'VERIFIED', department: 'housing', data: { method: 'online' }, at: AT },
  {
    type: 'NON_COMPLIANT',
    department: 'housing',
    comment: '安全措施未落实',
    data: { method: 'on-site' },
    at: AT,
  },
  { type: 'RECTIFIED', department: 'housing', at: AT },
  { type: 'RECTIFICATION_LAPSED', at: AT },
];

// The first step of each path is the machine's start (`xstate.init`), which the engine's creation stands for.
const paths = getSimplePaths(machine, {
  events: domainEvents,
  input,
  serializeState: (s) => JSON.stringify((s as AnyMachineSnapshot).value),
}).map((p) => ({ ...p, steps: p.steps.filter((s) => s.event.type !== 'xstate.init') }));

/** Every transition the machine declares, as `from --EVENT--> to`. */
function declaredTransitions(): string[] {
  return (Object.values(machine.root.states) as AnyStateNode[]).flatMap((node) =>
    [...node.transitions.entries()].flatMap(([type, ts]) =>
      ts.map((t) => `${node.key} --${type}--> ${t.target?.map((n) => n.key).join(',')}`),
    ),
  );
}

describe('pledge-verification paths', () => {
  it('should reach every state and take every transition by domain events alone', () => {
    const visited = new VisitedNodes();
    const taken = new Set<string>();
    for (const path of paths) {
      let from = 'verifying';
      for (const step of path.steps) {
        visited.note(step.state);
        const to = String(step.state.value);
        if (to !== from) taken.add(`${from} --${step.event.type}--> ${to}`);
        from = to;
      }
    }
    visited.note(initialTransition(machine, input)[0]);
    expect(visited.kinds()).to.deep.equal(restingNodeKinds(machine));
    expect([...taken].sort()).to.deep.equal(declaredTransitions().sort());
  });

  it('should refuse a verification that does not say how it was done', () => {
    const [start] = initialTransition(machine, input);
    const [after] = transition(machine, start, {
      type: 'VERIFIED',
      department: 'housing',
      at: AT,
    } as MachineEvent);
    expect(after).to.equal(start);
  });
});

describe('construction-permit v2 (approval on pledge)', () => {
  const permit = registry.get('construction-permit', 2).machine;
  const accepted = (items: string[] | null) => {
    const form = items
      ? { ...minimalPermitForm, approvalOnPledge: { items, textId: 't', textSha256: 'a'.repeat(64) } }
      : minimalPermitForm;
    let [s] = initialTransition(permit, {});
    [s] = transition(permit, s, { type: 'SUBMIT', at: AT, form } as MachineEvent);
    [s] = transition(permit, s, { type: 'ACCEPT', department: 'window', at: AT } as MachineEvent);
    return s;
  };

  it('should decide the pledged housing item at once, leaving planning to review, and keep the pledge', () => {
    const s = accepted(['housing']);
    expect((s.value as any).accepted.review.housing).to.equal('approved');
    expect([...activeTasks(s).values()].map((t) => t.department)).to.deep.equal(['planning']);
    expect(s.context.pledge).to.deep.equal({ items: ['housing'], textId: 't', textSha256: 'a'.repeat(64) });
    expect(statusOf(s)).to.equal('in_review');
  });

  it('should review as version 1 does without a pledge, or for an item it does not offer', () => {
    for (const items of [null, ['planning']]) {
      const s = accepted(items);
      expect([...activeTasks(s).values()].map((t) => t.department)).to.have.members(['planning', 'housing']);
    }
  });
});

describeEachDatabase('pledge-verification paths replayed on the engine', (kind) => {
  let h: Harness;
  before(async () => {
    h = await createHarness(kind, START);
  });
  after(async () => {
    await h?.close();
  });

  for (const path of paths) {
    const route = path.steps.map((s) => s.event.type).join(' → ') || '(created)';
    it(`should follow ${route}`, async () => {
      h.clock.set(START);
      const { application } = await h.engine.create({
        workflow: 'pledge-verification',
        applicant: ENTERPRISE,
        project: {},
        form: input.form,
        actor: clerk('window'),
      });
      const id = application.id;
      for (const step of path.steps) {
        if (timerEvents.includes(step.event.type)) {
          const { sweep } = await fireTimer(h, id, step.event.type);
          expect(sweep).to.deep.equal({ fired: 1, stale: 0, failed: [] });
        } else {
          h.clock.advance({ hours: 1 });
          const { at: _at, department, ...event } = step.event;
          await h.engine.send({
            applicationId: id,
            event: { ...event, department },
            actor: clerk(department!),
          });
        }
        const app = await loadCase(h, id);
        expect(app.state).to.deep.equal(step.state.value);
        expect(app.status).to.equal(statusOf(step.state));
      }
      const final = path.steps.at(-1)?.state ?? initialTransition(machine, input)[0];
      const expectedTasks = [...activeTasks(final).values()].map((t) => t.department);
      expect((await openTasks(h, id)).map((t) => t.department)).to.deep.equal(expectedTasks);
      expect((await timersOf(h, id)).map((t) => t.type)).to.deep.equal(
        final.matches('rectifying') ? ['RECTIFICATION_LAPSED'] : [],
      );
      await h.db.knex('timers').where({ application_id: id }).del();
      expect((await auditOf(h, id)).map((e) => e.type)).to.deep.equal([
        'CREATE',
        ...path.steps.map((s) => s.event.type),
      ]);
    });
  }
});
