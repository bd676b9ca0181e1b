/**
 * Engine throughput on SQLite, in one process, without HTTP: N construction permits are created, submitted
 * and accepted, then every department approves and the window issues. Prints transitions per second for the
 * whole run and for the parallel approvals alone. Usage: npm run bench:engine -- [cases]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCalendar } from '../src/calendar/index.ts';
import { groupCommitFor, migrateLatest, openDatabase } from '../src/db/index.ts';
import { seedReferenceData } from '../src/setup/seed-reference-data.ts';
import { FixedClock } from '../src/engine/clock.ts';
import { Engine } from '../src/engine/engine.ts';
import type { Actor } from '../src/engine/records.ts';
import { createRegistry } from '../workflows/index.ts';

const cases = Number(process.argv[2] ?? 2000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zerotrip-bench-'));
const db = openDatabase({ client: 'sqlite', filename: path.join(dir, 'bench.db') });
const clock = new FixedClock('2026-03-02T09:00:00+08:00');
await migrateLatest(db.knex);
await seedReferenceData(db.knex, clock.now());
const calendar = await loadCalendar(db);
const engine = new Engine({
  db,
  registry: createRegistry(calendar),
  calendar,
  clock,
  groupCommit: groupCommitFor(db),
});

const enterprise: Actor = { sub: 'bench-enterprise', role: 'applicant', org: '91310115591693856A' };
const clerk = (org: string): Actor => ({ sub: `bench-${org}`, role: 'clerk', org });
const departments = ['planning', 'housing', 'fire', 'civil-defense', 'environment'];
const form = {
  landParcel: 'GX-2026-017',
  floorAreaM2: 18500,
  undergroundAreaM2: 2400,
  useCategory: 'industrial',
  environmentalCategory: 'report-table',
  specialFireWorks: true,
  constructionUnit: { uscc: '91310115591693856A', name: 'Changjiang Construction Engineering Co.' },
};

let transitions = 0;
const started = performance.now();
const ids: string[] = [];
for (let i = 0; i < cases; i++) {
  const { application } = await engine.create({
    workflow: 'construction-permit',
    applicant: enterprise.org!,
    project: { name: `Bench project ${i}` },
    form,
    actor: enterprise,
  });
  await engine.send({ applicationId: application.id, event: { type: 'SUBMIT' }, actor: enterprise });
  await engine.send({
    applicationId: application.id,
    event: { type: 'ACCEPT', department: 'window' },
    actor: clerk('window'),
  });
  ids.push(application.id);
  transitions += 3;
}
const approvalsStarted = performance.now();
// Approvals arrive concurrently, as they would from five departments' clerks.
await Promise.all(
  departments.map(async (department) => {
    for (const id of ids) {
      await engine.send({
        applicationId: id,
        event: { type: 'APPROVE', department },
        actor: clerk(department),
      });
    }
  }),
);
transitions += ids.length * departments.length;
const approvalsSeconds = (performance.now() - approvalsStarted) / 1000;
for (const id of ids) {
  await engine.send({
    applicationId: id,
    event: { type: 'ISSUE', department: 'window' },
    actor: clerk('window'),
  });
}
transitions += ids.length;
const seconds = (performance.now() - started) / 1000;

console.log(`cases: ${cases}, transitions: ${transitions} (create counted as one)`);
console.log(`engine on SQLite, all steps: ${(transitions / seconds).toFixed(0)} transitions/s`);
console.log(
  `engine on SQLite, parallel approvals: ${((ids.length * departments.length) / approvalsSeconds).toFixed(0)} transitions/s`,
);
await db.knex.destroy();
fs.rmSync(dir, { recursive: true, force: true });
