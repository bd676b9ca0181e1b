import { expect } from 'chai';
import { actualsOf } from '../../src/task-forces/plan-store.ts';
import { projectDelays, stageWorkflows } from '../../src/task-forces/project-delays.ts';
import { milestoneObserver } from '../../src/task-forces/index.ts';
import { exampleInspections } from '../fixtures/completion-acceptance.ts';
import { permitProject } from '../fixtures/construction-permit.ts';
import {
  ACCEPT,
  approve,
  createPermit,
  deny,
  requestSupplement,
  send,
  sendAll,
  SUBMIT,
  SUPPLEMENT,
  window,
} from '../support/cases.ts';
import { completionScene, ISSUE, START } from '../support/completion-acceptance-scene.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { harnessPerBlock } from '../support/harness.ts';

/*
 * A key project's stage milestones fill themselves from approval events (issue 16, item 4): real cases driven
 * through the engine with the observer the service registers. The construction permit covers stages 2 and 3,
 * the completion acceptance stage 4 (their definitions' `stages`).
 */

const CODE = permitProject.code;
const DEPARTMENTS = ['planning', 'housing', 'fire', 'civil-defense', 'environment'];

describeEachDatabase('milestoneObserver', (kind) => {
  const h = harnessPerBlock(kind, START);
  const scene = completionScene(h);
  before(() => h.engine.observe(milestoneObserver(h.registry)));

  /** A construction permit of `project` approved and issued on the clock's day. */
  async function issuedPermit(project: Record<string, unknown> = { ...permitProject }) {
    const id = await createPermit(h, { project });
    await sendAll(h, id, [SUBMIT, ACCEPT, ...DEPARTMENTS.map(approve)], 1);
    return id;
  }

  it('should leave the milestones empty while the permit is only under review', async () => {
    const id = await createPermit(h);
    await sendAll(h, id, [SUBMIT, ACCEPT, approve('planning')], 1);
    expect(await actualsOf(h.db, CODE)).to.deep.equal({});
  });

  it("should date stages 2 and 3 with the permit's issue, and stage 4 with the completion certificate", async () => {
    const permit = await issuedPermit();
    h.clock.set('2026-03-20T10:00:00+08:00');
    await send(h, permit, window('ISSUE'));
    const afterPermit = await actualsOf(h.db, CODE);
    expect(afterPermit['stage-2']).to.deep.equal({
      on: '2026-03-20',
      source: 'case',
      applicationId: permit,
      recordedBy: 'zerotrip-engine',
    });
    expect(afterPermit['stage-3']).to.include({ on: '2026-03-20', applicationId: permit });
    expect(afterPermit).not.to.have.property('stage-4');

    const completion = await scene.createCase();
    await scene.sendAll(completion, [SUBMIT, ACCEPT]);
    await scene.passAll(completion, exampleInspections);
    h.clock.set('2026-04-08T15:00:00+08:00');
    await scene.send(completion, ISSUE);
    expect((await actualsOf(h.db, CODE))['stage-4']).to.include({
      on: '2026-04-08',
      applicationId: completion,
    });
  });

  it('should keep the first approval of a stage when a later case of the same stage is approved', async () => {
    const later = await issuedPermit();
    h.clock.set('2026-05-06T10:00:00+08:00');
    await send(h, later, window('ISSUE'));
    expect((await actualsOf(h.db, CODE))['stage-2']).to.include({ on: '2026-03-20' });
  });

  it('should fill nothing from a denied case, nor from a case without a project code', async () => {
    const code = '2026-360200-48-01-000999';
    const denied = await createPermit(h, { project: { ...permitProject, code } });
    await sendAll(h, denied, [SUBMIT, ACCEPT, deny('planning')], 1);
    const { code: _dropped, ...noCode } = permitProject;
    const uncoded = await issuedPermit(noCode);
    await send(h, uncoded, window('ISSUE'));
    expect(await actualsOf(h.db, code)).to.deep.equal({});
    const rows = await h.db.knex('milestone_actuals').whereIn('application_id', [denied, uncoded]);
    expect(rows).to.deep.equal([]);
  });

  describe('projectDelays', () => {
    it("should split a project's time into the government's and the enterprise's from the stored figures", async () => {
      const code = '2026-360200-48-01-000555';
      const id = await createPermit(h, { project: { ...permitProject, code } });
      await sendAll(h, id, [SUBMIT, ACCEPT, requestSupplement('planning')], 1);
      h.clock.set('2026-03-09T10:00:00+08:00');
      await sendAll(h, id, [SUPPLEMENT, ...DEPARTMENTS.map(approve), window('ISSUE')], 1);
      const stored = await h.db.knex('applications').where({ id }).first();
      const delays = (await projectDelays(h.db, [code], stageWorkflows(h.registry))).get(code)!;
      expect(Number(stored.stopped_working_days)).to.be.greaterThan(0);
      expect(delays).to.deep.equal({
        cases: 1,
        decided: 1,
        governmentWorkingDays: Number(stored.net_working_days),
        governmentOverLimitWorkingDays: 0,
        enterpriseWorkingDays: Number(stored.stopped_working_days),
      });
    });
  });
});
