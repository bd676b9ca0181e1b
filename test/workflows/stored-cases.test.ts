import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { referenceCalendar } from '../../src/calendar/index.ts';
import { createRegistry } from '../../workflows/index.ts';
import { continueCase, storedCaseScenarios, type StoredCaseRecord } from '../support/stored-cases.ts';

/*
 * Snapshots stored by the code that first ran each workflow version, restored on today's machines the way the
 * engine restores them and continued: every step must give the state, context, tags and actions it gave then.
 */
describe('stored cases', () => {
  const registry = createRegistry(referenceCalendar());
  const records = JSON.parse(
    readFileSync(new URL('../fixtures/stored-cases.json', import.meta.url), 'utf8'),
  ) as StoredCaseRecord[];

  for (const scenario of storedCaseScenarios) {
    it(`should continue a ${scenario.name}`, () => {
      const record = records.find((r) => r.name === scenario.name);
      expect(record, 'recorded').to.not.equal(undefined);
      const { machine } = registry.get(scenario.workflow, scenario.version);
      expect(continueCase(machine, record!.stored, scenario)).to.deep.equal(record!.steps);
    });
  }
});
