import { expect } from 'chai';
import { parseDatabaseUrl } from '../../src/config.ts';
import {
  type GroupCommit,
  groupCommitFor,
  openDatabase,
  PostgresGroupCommit,
  SqliteGroupCommit,
} from '../../src/db/index.ts';
import { Engine } from '../../src/engine/engine.ts';
import { EventNotAllowedError } from '../../src/errors/index.ts';
import { ACCEPT, approve, auditOf, createPermit, loadCase, send, SUBMIT, window } from '../support/cases.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createHarness, type Harness } from '../support/harness.ts';

const DEPARTMENTS = ['planning', 'housing', 'fire', 'civil-defense', 'environment'];

/** What both databases' group commits promise; PostgreSQL's own cases are in postgres-group-commit.test.ts. */
describeEachDatabase('db/group-commit', (kind) => {
  let h: Harness;
  let groupCommit: GroupCommit;
  beforeEach(async () => {
    h = await createHarness(kind);
    groupCommit = groupCommitFor(h.db)!;
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

  const stats = () => ({ ...groupCommit.stats! });

  async function reviewing(): Promise<string> {
    const id = await createPermit(h);
    await send(h, id, SUBMIT);
    await send(h, id, ACCEPT);
    return id;
  }

  it("should be the database's own group commit, for the service to hand to the engine", async () => {
    if (kind === 'sqlite') expect(groupCommit).to.be.instanceOf(SqliteGroupCommit);
    else expect(groupCommit).to.be.instanceOf(PostgresGroupCommit);
  });

  it('should commit concurrent events together, in order, and lose none', async () => {
    const ids = [await reviewing(), await reviewing(), await reviewing()];
    const before = stats();
    await Promise.all(ids.flatMap((id) => DEPARTMENTS.map((d) => send(h, id, approve(d)))));
    expect(stats().events - before.events).to.equal(15);
    expect(stats().batches - before.batches).to.be.lessThan(15);
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
    expect((await loadCase(h, id)).version).to.equal(5);
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
    // A connection of its own reads only what is committed.
    const reader = openDatabase(parseDatabaseUrl(h.url));
    try {
      await Promise.all(
        DEPARTMENTS.map(async (d) => {
          const { seq } = await send(h, id, approve(d));
          // At the moment of the answer, what it answered is visible from outside the batch.
          const row = await reader.knex('audit_events').where({ application_id: id, seq }).first('type');
          expect(row?.type).to.equal('APPROVE');
        }),
      );
      const row = await reader.knex('applications').where({ id }).first();
      expect(row.version).to.equal(8);
    } finally {
      await reader.knex.destroy();
    }
  });
});
