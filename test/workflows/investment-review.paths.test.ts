import { getShortestPaths } from '@xstate/graph';
import { expect } from 'chai';
import type { AnyMachineSnapshot } from 'xstate';
import { referenceCalendar } from '../../src/calendar/index.ts';
import type { Actor } from '../../src/engine/records.ts';
import type { MachineEvent } from '../../src/engine/workflow.ts';
import { createRegistry } from '../../workflows/index.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { applicant, createHarness, ENTERPRISE, type Harness } from '../support/harness.ts';
import { restingNodeKinds, VisitedNodes } from '../support/path-coverage.ts';
import { PROPOSAL } from '../support/investment-review-scene.ts';

/*
 * Model-based paths of the investment pre-review (workflows/investment-review.ts): @xstate/graph walks the
 * machine with domain events only (the draw, declarations and ballots as the routes would send them, with a
 * fixed five-member panel), and the shortest path to each final state is replayed through the real engine.
 */

const AT = '2026-03-02T01:00:00.000Z';
const def = createRegistry(referenceCalendar()).get('investment-review');
const officer: Actor = { sub: 'officer-1', role: 'clerk', org: 'investment-promotion' };
const expert = (sub: string): Actor => ({ sub, role: 'expert', org: null });
const PANEL = ['e1', 'e2', 'e3', 'e4', 'e5'];
const ev = (type: string, actor: Actor, extra: Partial<MachineEvent> = {}): MachineEvent => ({
  type,
  at: AT,
  actor,
  ...extra,
});
const clerkOf = (department: string): Actor => ({
  sub: `clerk-${department}`,
  role: 'clerk',
  org: department,
});

/** The events a case can meet, with the data the routes would have computed. */
const domainEvents: MachineEvent[] = [
  ev('SUBMIT', applicant, { form: PROPOSAL }),
  ev('CLOSE_BATCH', officer),
  ...['land', 'planning', 'environment'].map((d) =>
    ev('PRE_REVIEW', clerkOf(d), { department: d, data: { position: 'agree' } }),
  ),
  ev('PANEL_DRAWN', officer, { data: { panel: PANEL } }),
  ...PANEL.map((e) => ev('DECLARED', expert(e), { data: { expert: e } })),
  ev('OBJECTION', applicant, { comment: 'x', data: { expert: 'e1' } }),
  ev('OBJECTION_DECIDED', officer, { comment: 'x', data: { expert: 'e1', upheld: false } }),
  ...(['passed', 'passed-with-conditions', 'rejected', 'deferred', 'no-quorum'] as const).map((outcome) =>
    ev('VOTE', expert('e5'), { data: { expert: 'e5', outcome, conditions: [] } }),
  ),
  ev('PROVIDE_INFORMATION', applicant, { comment: 'answer' }),
  ev('INFORMATION_DUE', applicant),
  ev('WITHDRAW', applicant),
];

const stateKey = (s: AnyMachineSnapshot) => {
  const c = s.context as { declared: string[]; objections: string[]; meetings: number };
  return JSON.stringify({
    value: s.value,
    declared: c.declared.length,
    objections: c.objections.length,
    met: Math.min(c.meetings, 2),
  });
};

const paths = getShortestPaths(def.machine, {
  events: domainEvents,
  serializeState: stateKey,
  stopWhen: (s: AnyMachineSnapshot) => s.status !== 'active',
}).map((path) => ({
  state: path.state as AnyMachineSnapshot,
  events: path.steps.map((step) => step.event as MachineEvent).filter((e) => e.type !== 'xstate.init'),
}));

const FINAL = ['passed', 'passedWithConditions', 'rejected', 'lapsed', 'withdrawn'];
const toFinal = FINAL.map((final) => {
  const found = paths
    .filter((p) => p.state.status === 'done' && p.state.value === final)
    .sort((a, b) => a.events.length - b.events.length)[0];
  return { final, events: found?.events ?? [] };
});

describe('investment-review paths', () => {
  it('should rest in every state node of the machine by domain events alone', () => {
    const visited = new VisitedNodes();
    for (const path of paths) visited.note(path.state);
    expect(visited.unreached(restingNodeKinds(def.machine))).to.deep.equal([]);
  });

  it('should reach every final state, a quorum failure going back to the draw', () => {
    for (const { final, events } of toFinal) expect(events, final).not.to.be.empty;
    const redraw = paths.find(
      (p) =>
        JSON.stringify(p.state.value).includes('drawing') &&
        p.events.some((e) => e.data?.outcome === 'no-quorum'),
    );
    expect(redraw).to.not.equal(undefined);
  });
});

describeEachDatabase('investment-review paths replayed on the engine', (kind) => {
  let h: Harness;
  before(async () => {
    h = await createHarness(kind, '2026-03-02T09:00:00+08:00');
  });
  after(async () => {
    await h?.close();
  });

  for (const final of FINAL) {
    it(`should follow the shortest path to ${final} with the status the machine names`, async () => {
      const { events } = toFinal.find((p) => p.final === final)!;
      const { application } = await h.engine.create({
        workflow: 'investment-review',
        applicant: ENTERPRISE,
        project: { name: 'P' },
        form: { ...PROPOSAL },
        actor: applicant,
      });
      let last = application;
      for (const { type, actor, at: _at, form: _form, ...rest } of events) {
        last = (
          await h.engine.send({ applicationId: application.id, event: { type, ...rest }, actor: actor! })
        ).application;
      }
      const status = (def.machine.root.states[final]!.meta as { status: string }).status;
      expect(last.status).to.equal(status);
      const audit = await h.db
        .knex('audit_events')
        .where({ application_id: application.id })
        .count({ n: '*' });
      expect(Number(audit[0]!.n)).to.equal(events.length + 1);
    });
  }
});
