import { expect } from 'chai';
import { setup } from 'xstate';
import { Engine } from '../../src/engine/engine.ts';
import { groupCommitFor } from '../../src/db/index.ts';
import { WorkflowRegistry } from '../../src/engine/registry.ts';
import type { WorkflowDefinition } from '../../src/engine/workflow.ts';
import { constructionPermit } from '../../workflows/construction-permit.ts';
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

  /** A version 2 that no version-1 snapshot fits: one state, one event. */
  function permitV2(): WorkflowDefinition {
    const v1 = constructionPermit({ workingDaysLater: (from, n) => h.calendar.dueAt(from, n) });
    const machine = setup({}).createMachine({
      id: 'construction-permit',
      initial: 'filed',
      states: {
        filed: { tags: ['status:draft'], on: { SUBMIT: 'done' } },
        done: { type: 'final', meta: { status: 'approved' } },
      },
    });
    return { ...v1, version: 2, machine };
  }

  it('should restore a version-1 case against version 1 after version 2 is published, and start new ones on 2', async () => {
    const old = await createPermit(h, { version: 1 });
    await send(h, old, SUBMIT);
    await send(h, old, ACCEPT);

    // The service restarts with both versions registered.
    const v1 = h.registry.get('construction-permit', 1);
    const registry = new WorkflowRegistry([v1, permitV2(), h.registry.get('completion-acceptance')]);
    h.engine = new Engine({
      db: h.db,
      registry,
      calendar: h.calendar,
      clock: h.clock,
      groupCommit: groupCommitFor(h.db),
    });

    await send(h, old, approve('planning'));
    const continued = await loadCase(h, old);
    expect(continued.workflowVersion).to.equal(1);
    expect(continued.state).to.have.nested.property('accepted.review.planning', 'approved');

    const { application } = await h.engine.create({
      workflow: 'construction-permit',
      applicant: ENTERPRISE,
      project: { name: 'New plant' },
      form: {},
      actor: applicant,
    });
    expect(application.workflowVersion).to.equal(2);
    expect(application.state).to.equal('filed');
  });

  it('should refuse a stored snapshot that no longer fits its machine instead of guessing', async () => {
    const id = await createPermit(h, { version: 1 });
    await send(h, id, SUBMIT);
    // Version 1 replaced in place by a machine without the stored state: a deployment mistake.
    const registry = new WorkflowRegistry([{ ...permitV2(), version: 1 }]);
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
