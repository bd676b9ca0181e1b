import { expect } from 'chai';
import { transition, type AnyMachineSnapshot } from 'xstate';
import { EventNotAllowedError } from '../../src/errors/index.ts';
import { activeTasks, statusOf } from '../../src/engine/machine-state.ts';
import type { MachineEvent, EventInput } from '../../src/engine/workflow.ts';
import {
  landPlanningLimitWorkingDays,
  limits,
  type LandPlanningContext,
} from '../../workflows/land-planning.ts';
import {
  approvalLandPlanningForm,
  approvedLandPlanningForm,
  landPlanningForm,
  landPlanningProject,
} from '../fixtures/land-planning.ts';
import { fireTimer, loadCase, openTasks, send, timersOf, WITHDRAW } from '../support/cases.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { applicant, createHarness, ENTERPRISE, type Harness } from '../support/harness.ts';
import {
  START,
  declaredTransitions,
  describeEvent,
  expectedStatus,
  machine,
  planned,
  reachedNodes,
  shortestPaths,
  takenTransitions,
  timerEvents,
  type Step,
} from '../support/land-planning-paths.ts';
import { restingNodeKinds } from '../support/path-coverage.ts';

/*
 * Model-based tests of stage 1 (workflows/land-planning.ts): @xstate/graph walks the machine with domain events
 * only, and the shortest paths it finds are replayed through the real engine on a real database.
 */

const formOf = (steps: Step[]) =>
  (steps.find((s) => s.event.type === 'SUBMIT')?.event.form as Record<string, unknown> | undefined) ??
  landPlanningForm;

const asSent = ({ type, department, comment, data }: MachineEvent): EventInput => ({
  type,
  ...(department === undefined ? {} : { department }),
  ...(comment === undefined ? {} : { comment }),
  ...(data === undefined ? {} : { data: structuredClone(data) }),
});

const acceptedWith = (form: Record<string, unknown>) =>
  shortestPaths.find(
    (p) => p.steps.length === 2 && p.steps[0]!.event.form === form && p.steps[1]!.event.type === 'ACCEPT',
  )!.state;

describe('land-planning paths', () => {
  it('should reach every state node of the machine by domain events alone', () => {
    expect(reachedNodes.kinds()).to.deep.equal(restingNodeKinds(machine));
  });

  it('should take every transition the machine declares', () => {
    expect([...takenTransitions].sort()).to.deep.equal(
      [...new Set(declaredTransitions(machine.root))].sort(),
    );
  });

  it('should give every reachable state the status that docs/api.md lists for it', () => {
    for (const path of shortestPaths) {
      expect(statusOf(path.state), JSON.stringify(path.state.value)).to.equal(
        expectedStatus(path.state.value),
      );
    }
  });

  it('should run filing and land pre-examination in parallel, with their limits, and no pre-examination on approved land', () => {
    const tasks = (form: Record<string, unknown>) =>
      [...activeTasks(acceptedWith(form)).values()].map((t) => `${t.department} ${t.limitDays}`);
    expect(tasks(landPlanningForm)).to.have.members([
      `development-reform ${limits.filing}`,
      `natural-resources ${limits.landPreExamination}`,
    ]);
    expect(tasks(approvalLandPlanningForm)).to.have.members([
      `development-reform ${limits.approval}`,
      `natural-resources ${limits.landPreExamination}`,
    ]);
    expect(tasks(approvedLandPlanningForm)).to.have.members([`development-reform ${limits.filing}`]);
  });

  it('should open the land-use planning permit only once both parallel steps have approved', () => {
    const approve = (department: string) => ({ type: 'APPROVE', department, at: '2026-03-02T02:00:00.000Z' });
    const departments = (state: AnyMachineSnapshot) =>
      [...activeTasks(state).values()].map((t) => t.department);
    const [filed] = transition(machine, acceptedWith(landPlanningForm), approve('development-reform'));
    expect(departments(filed)).to.deep.equal(['natural-resources']);
    const [examined] = transition(machine, filed, approve('natural-resources'));
    expect(departments(examined)).to.deep.equal(['planning']);
  });

  it('should set the case limit to 45 working days unless the longest path is longer', () => {
    const context = (approval: boolean, extensionDays = 0) =>
      ({ needs: { approval, landPreExamination: true }, extensionDays }) as LandPlanningContext;
    expect(landPlanningLimitWorkingDays(context(false))).to.equal(45);
    expect(landPlanningLimitWorkingDays(context(true, 10))).to.equal(55);
  });
});

describeEachDatabase('land-planning paths replayed on the engine', (kind) => {
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
      const { application } = await h.engine.create({
        workflow: 'land-planning',
        applicant: ENTERPRISE,
        project: { ...landPlanningProject },
        form: structuredClone(formOf(path.steps)),
        actor: applicant,
      });
      const id = application.id;
      try {
        let recordedAt = h.clock.now();
        for (const [i, step] of path.steps.entries()) {
          const where = `step ${i + 1} (${describeEvent(step.event)}) of ${route}`;
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
        }
        const app = await loadCase(h, id);
        const final = path.steps.at(-1)?.state;
        if (!final) return;
        expect(h.engine.snapshotOf(app).context).to.deep.equal(final.context);
        const expectedTasks = [...activeTasks(final).entries()].map(([node, t]) => `${node} ${t.department}`);
        expect((await openTasks(h, id)).map((t) => `${t.node} ${t.department}`)).to.have.members(
          expectedTasks,
        );
        if (final.status === 'done') {
          expect(app.concludedAt).to.equal(recordedAt.toISOString());
          expect(await timersOf(h, id)).to.deep.equal([]);
          expect(await send(h, id, WITHDRAW).catch((e: unknown) => e)).to.be.instanceOf(EventNotAllowedError);
        }
      } finally {
        await h.db.knex('timers').where({ application_id: id }).del();
      }
    });
  }
});
