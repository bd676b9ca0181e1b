import { loadCalendar, type WorkingCalendar } from '../../src/calendar/index.ts';
import { groupCommitFor, migrateLatest } from '../../src/db/index.ts';
import { seedReferenceData } from '../../src/setup/seed-reference-data.ts';
import { FixedClock } from '../../src/engine/clock.ts';
import { Engine } from '../../src/engine/engine.ts';
import type { Actor } from '../../src/engine/records.ts';
import type { WorkflowRegistry } from '../../src/engine/registry.ts';
import { createRegistry } from '../../workflows/index.ts';
import { openMigratedTestDatabase, type DatabaseKind, type TestDatabase } from './databases.ts';

/** A migrated, seeded database with an engine on a fixed clock. */
export interface Harness extends TestDatabase {
  clock: FixedClock;
  calendar: WorkingCalendar;
  registry: WorkflowRegistry;
  engine: Engine;
}

/** The enterprise of the examples, and the people who act on its cases. */
export const ENTERPRISE = '91310115591693856A';
export const OTHER_ENTERPRISE = '91310110666007217T';
export const applicant: Actor = { sub: 'ent-user', role: 'applicant', org: ENTERPRISE };
export const clerk = (department: string): Actor => ({
  sub: `clerk-${department}`,
  role: 'clerk',
  org: department,
});

/** Builds a harness on a fresh database; a Monday morning in Shanghai unless told otherwise. */
export async function createHarness(kind: DatabaseKind, at = '2026-03-02T09:00:00+08:00'): Promise<Harness> {
  const base = await openMigratedTestDatabase(kind);
  const clock = new FixedClock(at);
  await migrateLatest(base.db.knex);
  await seedReferenceData(base.db.knex, clock.now());
  const calendar = await loadCalendar(base.db);
  const registry = createRegistry(calendar);
  const engine = new Engine({ db: base.db, registry, calendar, clock, groupCommit: groupCommitFor(base.db) });
  return { ...base, clock, calendar, registry, engine };
}

/**
 * The harness a block's tests share: opened in the block's `before`, closed in its `after`, its clock set back
 * to `at` before each test. Call it inside a `describe`.
 */
export function harnessPerBlock(kind: DatabaseKind, at: string): Harness {
  const h = {} as Harness;
  before(async () => {
    Object.assign(h, await createHarness(kind, at));
  });
  after(async () => {
    await h.close?.();
  });
  beforeEach(() => {
    h.clock.set(at);
  });
  return h;
}
