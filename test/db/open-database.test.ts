import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { openDatabase, type Database } from '../../src/db/index.ts';
import { databaseKinds, openTestDatabase } from '../support/databases.ts';

/** The value of one pragma on SQLite's connection. */
async function pragma(db: Database, name: string): Promise<unknown> {
  const [row] = await db.knex.raw(`pragma ${name}`);
  return Object.values(row as object)[0];
}

describe('db/open-database (sqlite)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zerotrip-open-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('should create the folder and set WAL, foreign keys, NORMAL sync and a busy timeout', async () => {
    const filename = path.join(dir, 'nested', 'zerotrip.db');
    const db = openDatabase({ client: 'sqlite', filename });
    try {
      expect(db.dialect.name).to.equal('sqlite');
      expect(await pragma(db, 'journal_mode')).to.equal('wal');
      expect(await pragma(db, 'foreign_keys')).to.equal(1);
      expect(await pragma(db, 'synchronous')).to.equal(1);
      expect(await pragma(db, 'busy_timeout')).to.equal(5000);
      expect(fs.existsSync(filename)).to.equal(true);
    } finally {
      await db.knex.destroy();
    }
  });

  it('should sync every commit when SQLITE_SYNCHRONOUS asks for FULL', async () => {
    const db = openDatabase(
      { client: 'sqlite', filename: path.join(dir, 'full.db') },
      { sqliteSynchronous: 'FULL' },
    );
    try {
      expect(await pragma(db, 'synchronous')).to.equal(2);
    } finally {
      await db.knex.destroy();
    }
  });
});

for (const kind of databaseKinds().filter((k) => k === 'pg')) {
  describe(`db/open-database (${kind})`, () => {
    it('should open PostgreSQL with its dialect', async () => {
      const t = await openTestDatabase(kind);
      try {
        expect(t.db.dialect.name).to.equal('pg');
        const { rows } = await t.db.knex.raw('select 1 as one');
        expect(rows).to.deep.equal([{ one: 1 }]);
      } finally {
        await t.close();
      }
    });
  });
}
