/**
 * Records the stored-case scenarios (test/support/stored-cases.ts) run on today's machines into
 * test/fixtures/stored-cases.json. Run it only to add scenarios for a NEW workflow version; the records
 * of existing versions are the proof that earlier code's cases still continue, so keep them.
 */
import { writeFileSync } from 'node:fs';
import { referenceCalendar } from '../../src/calendar/index.ts';
import { createRegistry } from '../../workflows/index.ts';
import { continueCase, storeCase, storedCaseScenarios, type StoredCaseRecord } from './stored-cases.ts';

const registry = createRegistry(referenceCalendar());
const records: StoredCaseRecord[] = storedCaseScenarios.map((scenario) => {
  const { machine } = registry.get(scenario.workflow, scenario.version);
  const stored = storeCase(machine, scenario);
  return { name: scenario.name, stored, steps: continueCase(machine, stored, scenario) };
});
writeFileSync(
  new URL('../fixtures/stored-cases.json', import.meta.url),
  `${JSON.stringify(records, null, 2)}\n`,
  { flag: 'wx' },
);
