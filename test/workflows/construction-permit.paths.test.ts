import { expect } from 'chai';
import { EventNotAllowedError } from '../../src/errors/index.ts';
import { activeTasks, statusOf } from '../../src/engine/machine-state.ts';
import { limits } from '../../workflows/construction-permit.ts';
import { createPermit, fireTimer, loadCase, openTasks, send, timersOf, WITHDRAW } from '../support/cases.ts';
import {
  allReviewDepartments,
  copy,
  minimalPermitForm,
  permitForm,
  reportBookPermitForm,
} from '../fixtures/construction-permit.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { restingNodeKinds } from '../support/path-coverage.ts';
import {
  START,
  asSent,
  declaredTransitions,
  describeEvent,
  expectedStatus,
  formOf,
  machine,
  planned,
  reachedNodes,
  shortestPaths,
  takenTransitions,
  timerEvents,
} from '../support/construction-permit-paths.ts';

/*
 * Model-based tests: @xstate/graph walks the construction-permit machine with domain events only, and the
 * shortest paths it finds are replayed through the real engine on a real database.
 */

describe('construction-permit paths', () => {
  it('should reach every state node of the machine by domain events alone', () => {
    expect(reachedNodes.kinds()).to.deep.equal(restingNodeKinds(machine));
  });

  it('should take every transition the machine declares', () => {
    const declared = declaredTransitions(machine.root);
    expect([...takenTransitions].sort()).to.deep.equal([...new Set(declared)].sort());
  });

  it('should give every reachable state the status that docs/api.md lists for it', () => {
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
      const id = await createPermit(h, { form: copy(formOf(path.steps)), version: 1 });
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
