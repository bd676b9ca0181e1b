import { expect } from 'chai';
import { publishChecklist, seedChecklist } from '../../src/checklist/index.ts';
import { exampleInspections } from '../fixtures/completion-acceptance.ts';
import { ACCEPT, loadCase, SUBMIT } from '../support/cases.ts';
import {
  completionScene,
  ISSUE,
  item,
  nodesCoveredBy,
  pass,
  schedule,
  START,
} from '../support/completion-acceptance-scene.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { harnessPerBlock } from '../support/harness.ts';

/*
 * The inspections a completion-acceptance case needs are fixed from the checklist version in force at its
 * acceptance: a version published later changes only the cases accepted after it.
 */

describeEachDatabase('completion-acceptance checklist versions', (kind) => {
  const h = harnessPerBlock(kind, START);
  const { visited, send, sendAll, refused, createCase, contextOf, passAll } = completionScene(h);

  it("should keep the case's required inspections when a checklist is published after acceptance", async () => {
    const before = await createCase();
    await sendAll(before, [SUBMIT, ACCEPT]);

    const body = seedChecklist();
    body.inspections = body.inspections.filter((i) => i.code !== 'lightning-protection');
    body.inspections.push({
      code: 'greening-verification',
      name: 'Greening verification (绿化核实)',
      department: 'planning',
      basis: 'Urban Greening Regulations art. 16',
      steps: ['completion-acceptance'],
    });
    const published = await publishChecklist(h.db, body, 'admin-1', h.clock.now());
    expect(published.version).to.equal(2);

    try {
      const kept = await contextOf(before);
      expect(kept.checklistVersion).to.equal(1);
      expect(kept.required).to.deep.equal(exampleInspections);
      // The case runs to its end on the inspections fixed at its acceptance.
      await refused(before, schedule({ department: 'planning', code: 'greening-verification' }));
      await passAll(before, exampleInspections);
      await send(before, ISSUE);
      expect((await loadCase(h, before)).status).to.equal('concluded');

      // A case accepted afterwards takes the new version.
      const after = await createCase();
      await sendAll(after, [SUBMIT, ACCEPT]);
      const fixed = await contextOf(after);
      expect(fixed.checklistVersion).to.equal(2);
      expect(fixed.required.map((r) => r.code)).to.have.members([
        'planning-verification',
        'land-verification',
        'fire-acceptance',
        'civil-defense-acceptance',
        'archives-acceptance',
        'quality-supervision',
        'greening-verification',
      ]);
      expect(((await loadCase(h, after)).state as any).accepted.inspections.meteorology).to.equal(
        'notRequired',
      );
      // Planning passes only when both of its inspections have.
      await sendAll(after, [schedule(item('planning-verification')), pass(item('planning-verification'))]);
      expect(((await loadCase(h, after)).state as any).accepted.inspections.planning).to.deep.equal({
        inspecting: 'underInspection',
      });
      const greening = { department: 'planning', code: 'greening-verification' };
      await sendAll(after, [schedule(greening), pass(greening)]);
      expect(((await loadCase(h, after)).state as any).accepted.inspections.planning).to.equal('passed');
    } finally {
      // Later tests start from the seeded checklist.
      await h.db.knex('checklist_versions').where({ version: 2 }).del();
    }
  });

  it('should have rested in the kinds of node these paths answer for', () => {
    expect(visited.unreached(nodesCoveredBy.checklist)).to.deep.equal([]);
  });
});
