import { expect } from 'chai';
import * as taskForces from '../../db/migrations/018_task_forces.ts';
import { migrateLatest } from '../../src/db/index.ts';
import { describeEachDatabase, openTestDatabase, type TestDatabase } from '../support/databases.ts';

/* Migration 018 creates the key projects' tables, and its `down` removes them so that `up` runs again. */

const TABLES = [
  'task_force_members',
  'plan_baselines',
  'plan_milestones',
  'milestone_actuals',
  'project_lights',
  'dispatches',
  'project_issues',
];

describeEachDatabase('migration 018_task_forces', (kind) => {
  let t: TestDatabase;
  before(async () => {
    t = await openTestDatabase(kind);
    await migrateLatest(t.db.knex);
  });
  after(async () => {
    await t?.close();
  });

  const present = async () => {
    const found: string[] = [];
    for (const table of TABLES) if (await t.db.knex.schema.hasTable(table)) found.push(table);
    return found;
  };

  it('should create every table, drop them all on down, and create them again on up', async () => {
    expect(await present()).to.deep.equal(TABLES);
    await taskForces.down(t.db.knex);
    expect(await present()).to.deep.equal([]);
    await taskForces.up(t.db.knex);
    expect(await present()).to.deep.equal(TABLES);
  });
});
