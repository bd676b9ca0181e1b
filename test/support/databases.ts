import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import { type Database, openDatabase } from '../../src/db/index.ts';

/** The databases every store-level suite runs against. */
export type DatabaseKind = 'sqlite' | 'pg';

const PG_ADMIN_URL = process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * SQLite always; PostgreSQL too, unless ZEROTRIP_SKIP_PG=1 is set outside CI. A missing PostgreSQL is never
 * skipped silently: the suites fail with instructions, or the skip is announced loudly.
 */
export function databaseKinds(): DatabaseKind[] {
  if (process.env.ZEROTRIP_SKIP_PG === '1' && process.env.CI !== 'true') {
    console.warn('\n  !!! ZEROTRIP_SKIP_PG=1: PostgreSQL suites are NOT running. CI runs them. !!!\n');
    return ['sqlite'];
  }
  return ['sqlite', 'pg'];
}

/**
 * Declares the suite once per database of {@link databaseKinds}, titled `<title> (<kind>)`, handing `fn` the
 * kind to open (and the suite as `this`).
 */
export function describeEachDatabase(
  title: string,
  fn: (this: Mocha.Suite, kind: DatabaseKind) => void,
): void {
  // A plain function, so that `fn` may be one too and set the suite's timeout through `this`.
  for (const kind of databaseKinds()) {
    describe(`${title} (${kind})`, function () {
      fn.call(this, kind);
    });
  }
}

/** A fresh, empty database of its own; `close` removes it. */
export interface TestDatabase {
  kind: DatabaseKind;
  db: Database;
  /** The URL to reach the same database from another process (restart tests). */
  url: string;
  close(): Promise<void>;
}

/** Opens a brand-new database: a temporary SQLite file, or a PostgreSQL database with a random name. */
export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zerotrip-test-'));
    const filename = path.join(dir, 'zerotrip.db');
    const db = openDatabase({ client: 'sqlite', filename });
    return {
      kind,
      db,
      url: `sqlite:${filename}`,
      async close() {
        await db.knex.destroy();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `zerotrip_test_${randomBytes(6).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: PG_ADMIN_URL, pool: { min: 0, max: 1 } });
  try {
    await admin.raw(`CREATE DATABASE ${name}`);
  } catch (error) {
    await admin.destroy();
    throw new Error(
      `PostgreSQL is needed for the store suites and is not reachable at ${PG_ADMIN_URL} (${String(error)}).\n` +
        `Start it: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\n` +
        'or, on a machine without PostgreSQL and outside CI, set ZEROTRIP_SKIP_PG=1 to run SQLite only.',
    );
  }
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const db = openDatabase({ client: 'pg', connection: url.toString() });
  return {
    kind,
    db,
    url: url.toString(),
    async close() {
      await db.knex.destroy();
      await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.destroy();
    },
  };
}
