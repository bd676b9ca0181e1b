import { expect } from 'chai';
import type { Knex } from 'knex';
import { migrateLatest, openDatabase } from '../../src/db/index.ts';
import { sqliteOneAtATime } from '../../src/db/sqlite/sqlite-one-at-a-time.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.ts';

for (const kind of databaseKinds()) {
  describe(`db/dialect (${kind})`, function () {
    this.timeout(20_000);
    let t: TestDatabase;
    let knex: Knex;
    beforeEach(async () => {
      t = await openTestDatabase(kind);
      knex = t.db.knex;
    });
    afterEach(async () => {
      await t.close();
    });

    it('should name its database as readiness reports it', () => {
      expect(t.db.dialect.name).to.equal(kind);
    });

    it('should read JSON, booleans and counts back as JavaScript values', async () => {
      await knex.schema.createTable('samples', (table) => {
        table.integer('id').primary();
        table.json('body');
        table.boolean('flag');
      });
      await knex('samples').insert([
        { id: 1, body: JSON.stringify({ a: 1 }), flag: true },
        // A JSON string value, as a case's state value "draft" is stored: read once, not parsed twice.
        { id: 2, body: JSON.stringify('draft'), flag: false },
      ]);
      const rows = await knex('samples').orderBy('id');
      const { dialect } = t.db;
      expect(rows.map((r) => dialect.readJson(r.body))).to.deep.equal([{ a: 1 }, 'draft']);
      expect(rows.map((r) => dialect.readBool(r.flag))).to.deep.equal([true, false]);
      const [{ count }] = await knex('samples').count({ count: '*' });
      expect(dialect.readNumber(count)).to.equal(2);
      expect(dialect.readNumber(null)).to.equal(0);
    });

    it('should compute continuous percentiles by linear interpolation', async () => {
      await knex.schema.createTable('numbers', (table) => table.integer('n'));
      await knex('numbers').insert([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);
      const { dialect } = t.db;
      const [row] = await knex('numbers').select(
        knex.raw(`${dialect.percentileCont('n', 0.5)} as median`),
        knex.raw(`${dialect.percentileCont('n', 0.9)} as p90`),
      );
      expect(Number(row.median)).to.equal(2.5);
      expect(Number(row.p90)).to.be.closeTo(3.7, 1e-9);
    });

    it('should let a claim skip rows another transaction holds, where the database has row locks', async () => {
      await knex.schema.createTable('work', (table) => table.integer('id').primary());
      await knex('work').insert([{ id: 1 }, { id: 2 }]);
      const { dialect } = t.db;
      if (kind === 'sqlite') {
        // One writer: the queries stay as they are (knex would warn on a FOR UPDATE it cannot express).
        expect(dialect.lockForUpdate(knex('work')).toString()).to.equal(knex('work').toString());
        expect(await dialect.lockSkipLocked(knex('work').orderBy('id'))).to.have.length(2);
        return;
      }
      const holder = await knex.transaction();
      try {
        await dialect.lockForUpdate(holder('work').where({ id: 1 }));
        const claimed = await knex.transaction((trx) => dialect.lockSkipLocked(trx('work').orderBy('id')));
        expect(claimed.map((r: { id: number }) => r.id)).to.deep.equal([2]);
      } finally {
        await holder.rollback();
      }
    });

    it('should probe a write on a migrated database and change nothing', async () => {
      await migrateLatest(knex);
      const before = await knex('knex_migrations_lock').select();
      await t.db.dialect.probeWrite(knex);
      expect(await knex('knex_migrations_lock').select()).to.deep.equal(before);
    });

    it('should run start-up work and answer with its result', async () => {
      expect(await t.db.dialect.oneAtATime(knex, async () => 'done')).to.equal('done');
    });

    if (kind === 'pg') {
      it('should run start-up work of two instances one after the other', async () => {
        // A second instance: a pool of its own on the same database.
        const other = openDatabase({ client: 'pg', connection: t.url });
        let running = 0;
        let most = 0;
        const work = async () => {
          most = Math.max(most, ++running);
          await new Promise((resolve) => setTimeout(resolve, 100));
          running--;
        };
        try {
          await Promise.all([
            t.db.dialect.oneAtATime(knex, work),
            other.dialect.oneAtATime(other.knex, work),
          ]);
        } finally {
          await other.knex.destroy();
        }
        expect(most).to.equal(1);
      });
    }
  });
}

describe('db/sqlite/sqlite-one-at-a-time', () => {
  it('should try the work again while another process on the file holds it', async () => {
    let attempts = 0;
    const result = await sqliteOneAtATime({} as Knex, async () => {
      if (++attempts < 3) throw new Error('SQLITE_BUSY: database is locked');
      return attempts;
    });
    expect(result).to.equal(3);
  });

  it('should give up at once on any other error', async () => {
    let attempts = 0;
    const error = await sqliteOneAtATime({} as Knex, async () => {
      attempts++;
      throw new Error('no such column: nope');
    }).catch((e: unknown) => e);
    expect(String(error)).to.contain('no such column');
    expect(attempts).to.equal(1);
  });
});
