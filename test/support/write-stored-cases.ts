/**
 * Records the stored-case scenarios (test/support/stored-cases.ts) into test/fixtures/stored-cases.json
 * (then `npx prettier --write test/fixtures`). Scenarios already recorded keep their record: those are the
 * proof that cases stored by earlier code still continue. Only new scenarios (for a new workflow version) are
 * run on today's machines and added.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { referenceCalendar } from '../../src/calendar/index.ts';
import { createRegistry } from '../../workflows/index.ts';
import { continueCase, storeCase, storedCaseScenarios, type StoredCaseRecord } from './stored-cases.ts';

const file = new URL('../fixtures/stored-cases.json', import.meta.url);
const recorded = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as StoredCaseRecord[]) : [];
const registry = createRegistry(referenceCalendar());
const records = storedCaseScenarios.map((scenario): StoredCaseRecord => {
  const kept = recorded.find((record) => record.name === scenario.name);
  if (kept) return kept;
  const { machine } = registry.get(scenario.workflow, scenario.version);
  const stored = storeCase(machine, scenario);
  console.log(`recorded ${scenario.name}`);
  return { name: scenario.name, stored, steps: continueCase(machine, stored, scenario) };
});
writeFileSync(file, `${JSON.stringify(records, null, 2)}\n`);
