/**
 * Writes the structure of every registered workflow version to test/fixtures/machines/<id>@<version>.json
 * (then `npx prettier --write test/fixtures`). Run it (`npx tsx test/support/write-machine-structures.ts`)
 * when a NEW workflow version is added. It never overwrites a file: the files of existing versions are the
 * proof that cases stored by earlier code still restore.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { referenceCalendar } from '../../src/calendar/index.ts';
import { createRegistry } from '../../workflows/index.ts';
import { machineFixturePath } from './machine-fixtures.ts';
import { workflowStructure } from './machine-structure.ts';

for (const def of createRegistry(referenceCalendar()).all()) {
  const path = machineFixturePath(def.id, def.version);
  if (existsSync(path)) continue;
  mkdirSync(new URL('.', path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(workflowStructure(def), null, 2)}\n`);
  console.log(`wrote ${path.pathname}`);
}
