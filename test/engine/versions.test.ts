import { expect } from 'chai';
import { setup } from 'xstate';
import { Engine } from '../../src/engine/engine.ts';
import { groupCommitFor } from '../../src/db/index.ts';
import { WorkflowRegistry } from '../../src/engine/registry.ts';
import type { WorkflowDefinition } from '../../src/engine/workflow.ts';
import { ACCEPT, approve, createPermit, loadCase, send, SUBMIT } from '../support/cases.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { applicant, createHarness, ENTERPRISE, type Harness } from '../support/harness.ts';

/**
 * Publishing a new version of a workflow affects only new applications: a case keeps the version it started
 * with, its stored snapshot is restored against that version's machine, and it runs on to its end there.
 */
describeEachDatabase('engine versions', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(kind);
  });
  afterEach(async () => {
    await h.close();
  });

  /** The version new cases start on today. */
  const current = () => h.registry.get('construction-permit');

  /** A next version that no stored snapshot fits: one state, one event. */
  function permitNext(): WorkflowDefinition {
    const machine = setup({}).createMachine({
      id: 'construction-permit',
      initial: 'filed',
      states: {
        filed: { tags: ['status:draft'], on: { SUBMIT: 'done' } },
        done: { type: 'final', meta: { status: 'approved' } },
      },
    });
    return { ...current(), version: current().version + 1, machine };
  }

  it('should restore a case against its version after a next version is published, and start new ones on the next', async () => {
    const old = await createPermit(h);
    await send(h, old, SUBMIT);
    await send(h, old, ACCEPT);

    // The service restarts with both versions registered.
    const registry = new WorkflowRegistry([current(), permitNext(), h.registry.get('completion-acceptance')]);
    h.engine = new Engine({
      db: h.db,
      registry,
      calendar: h.calendar,
      clock: h.clock,
      groupCommit: groupCommitFor(h.db),
    });

    await send(h, old, approve('planning'));
    const continued = await loadCase(h, old);
    expect(continued.workflowVersion).to.equal(current().version);
    expect(continued.state).to.have.nested.property('accepted.review.planning', 'approved');

    const { application } = await h.engine.create({
      workflow: 'construction-permit',
      applicant: ENTERPRISE,
      project: { name: 'New plant' },
      form: {},
      actor: applicant,
    });
    expect(application.workflowVersion).to.equal(current().version + 1);
    expect(application.state).to.equal('filed');
  });

  it('should refuse a stored snapshot that no longer fits its machine instead of guessing', async () => {
    const id = await createPermit(h);
    await send(h, id, SUBMIT);
    // The current version replaced in place by a machine without the stored state: a deployment mistake.
    const registry = new WorkflowRegistry([{ ...permitNext(), version: current().version }]);
    h.engine = new Engine({
      db: h.db,
      registry,
      calendar: h.calendar,
      clock: h.clock,
      groupCommit: groupCommitFor(h.db),
    });
    const error = await send(h, id, ACCEPT).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(Error);
    expect((error as Error).name).to.equal('SnapshotError');
    expect((await loadCase(h, id)).version).to.equal(2);
  });
});
