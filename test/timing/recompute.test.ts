import { expect } from 'chai';
import { applicant, createHarness, ENTERPRISE, type Harness } from '../support/harness.ts';
import { recomputeCase, recomputeForYear } from '../../src/timing/recompute.ts';
import { completionForm, completionProject } from '../fixtures/completion-acceptance.ts';
import { acceptWithDeficiencies, loadCase, send, SUBMIT, window } from '../support/cases.ts';
import { describeEachDatabase } from '../support/databases.ts';

/**
 * A calendar recomputation and an event on the same case: the recomputation writes under the same version
 * check as events, so the event's write is never put back to what the recomputation read before it.
 */
describeEachDatabase('timing/recompute', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(kind);
  });
  afterEach(async () => {
    await h?.close();
  });

  async function acceptedCompletionCase(): Promise<string> {
    const { application } = await h.engine.create({
      workflow: 'completion-acceptance',
      applicant: ENTERPRISE,
      project: structuredClone(completionProject),
      form: structuredClone(completionForm),
      actor: applicant,
    });
    await send(h, application.id, SUBMIT);
    await send(h, application.id, acceptWithDeficiencies('2026-03-20', ['as-built-survey']));
    return application.id;
  }

  it('should not lose an event that commits while a recomputation of the same case runs', async () => {
    const id = await acceptedCompletionCase();
    // The recomputation has read the case...
    const read = await loadCase(h, id);
    // ...when the window extends the limit by three working days.
    h.clock.advance({ hours: 2 });
    await send(
      h,
      id,
      window('EXTEND', { comment: 'joint inspection of the roof', data: { workingDays: 3 } }),
    );
    const extended = await loadCase(h, id);
    expect(extended.limitWorkingDays).to.equal(read.limitWorkingDays! + 3);
    expect(extended.dueAt).not.to.equal(read.dueAt);

    const changed = await recomputeCase(h.db, h.registry, h.calendar, read, h.clock.now());
    expect(changed.open).to.equal(1);
    const after = await loadCase(h, id);
    expect(after).to.include({
      version: extended.version,
      dueAt: extended.dueAt,
      limitWorkingDays: extended.limitWorkingDays,
    });
    expect(after.stoppedWorkingDays).to.equal(extended.stoppedWorkingDays);
  });

  it('should recompute every case of a year, each from its current version', async () => {
    const id = await acceptedCompletionCase();
    await send(h, id, window('EXTEND', { comment: 'roof', data: { workingDays: 3 } }));
    const before = await loadCase(h, id);
    const result = await recomputeForYear(h.db, h.registry, h.calendar, 2026, h.clock.now());
    expect(result.openCases).to.equal(1);
    expect(await loadCase(h, id)).to.deep.equal(before);
  });
});
