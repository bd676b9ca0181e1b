import { expect } from 'chai';
import { groupCommitFor, PostgresGroupCommit, SqliteGroupCommit } from '../../src/db/index.ts';
import { Engine } from '../../src/engine/engine.ts';
import { EventNotAllowedError } from '../../src/errors/index.ts';
import { ACCEPT, approve, auditOf, createPermit, loadCase, send, SUBMIT, window } from '../support/cases.ts';
import { describeEachDatabase, openTestDatabase } from '../support/databases.ts';
import { createHarness, type Harness } from '../support/harness.ts';

const DEPARTMENTS = ['planning', 'housing', 'fire', 'civil-defense', 'environment'];

describe('db/sqlite-group-commit', () => {
  let h: Harness;
  let groupCommit: SqliteGroupCommit;
  beforeEach(async () => {
    h = await createHarness('sqlite');
    groupCommit = new SqliteGroupCommit(h.db.knex);
    h.engine = new Engine({
      db: h.db,
      registry: h.registry,
      calendar: h.calendar,
      clock: h.clock,
      groupCommit,
    });
  });
  afterEach(async () => {
    await h.close();
  });

  async function reviewing(): Promise<string> {
    const id = await createPermit(h);
    await send(h, id, SUBMIT);
    await send(h, id, ACCEPT);
    return id;
  }

  it('should commit concurrent events together, in order, and lose none', async () => {
    const ids = [await reviewing(), await reviewing()];
    const before = { ...groupCommit.stats };
    await Promise.all(ids.flatMap((id) => DEPARTMENTS.map((d) => send(h, id, approve(d)))));
    const batches = groupCommit.stats.batches - before.batches;
    expect(groupCommit.stats.events - before.events).to.equal(10);
    expect(batches).to.be.lessThan(10);
    for (const id of ids) {
      const app = await loadCase(h, id);
      expect(app.state).to.deep.equal({ accepted: 'issuing' });
      expect((await auditOf(h, id)).map((r) => r.seq)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(app.version).to.equal(8);
    }
  });

  it('should refuse one event of a batch without failing or undoing its neighbours', async () => {
    const id = await reviewing();
    const other = await createPermit(h);
    const results = await Promise.allSettled([
      send(h, id, approve('planning')),
      // Not allowed: the reviews are not done, and the draft is not under review.
      send(h, id, window('ISSUE')),
      send(h, other, approve('housing')),
      send(h, id, approve('housing')),
    ]);
    expect(results.map((r) => r.status)).to.deep.equal(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    for (const refused of [results[1], results[2]]) {
      expect((refused as PromiseRejectedResult).reason).to.be.instanceOf(EventNotAllowedError);
    }
    const app = await loadCase(h, id);
    expect(app.version).to.equal(5);
    expect((await auditOf(h, id)).map((r) => r.type)).to.deep.equal([
      'CREATE',
      'SUBMIT',
      'ACCEPT',
      'APPROVE',
      'APPROVE',
    ]);
    expect((await loadCase(h, other)).version).to.equal(1);
  });

  it('should answer only after the batch is committed: a second connection sees every answered event', async () => {
    const id = await reviewing();
    await Promise.all(DEPARTMENTS.map((d) => send(h, id, approve(d))));
    // A connection of its own reads only what is committed.
    const { openDatabase } = await import('../../src/db/index.ts');
    const reader = openDatabase({ client: 'sqlite', filename: h.url.slice('sqlite:'.length) });
    try {
      const row = await reader.knex('applications').where({ id }).first();
      expect(row.version).to.equal(8);
    } finally {
      await reader.knex.destroy();
    }
  });
});

describeEachDatabase('db/sqlite-group-commit groupCommitFor', (kind) => {
  it("should make the database's own group commit, for the service to hand to the engine", async () => {
    const { db, close } = await openTestDatabase(kind);
    try {
      const groupCommit = groupCommitFor(db);
      if (kind === 'sqlite') expect(groupCommit).to.be.instanceOf(SqliteGroupCommit);
      else expect(groupCommit).to.be.instanceOf(PostgresGroupCommit);
    } finally {
      await close();
    }
  });
});
