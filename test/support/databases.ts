import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import { type Database, migrateLatest, openDatabase } from '../../src/db/index.ts';
import { atEndOfRun, perProcess } from './after-run.ts';

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
  return kind === 'sqlite' ? openSqliteTestDatabase() : openPostgresTestDatabase(randomName('zerotrip_test'));
}

/**
 * Opens a brand-new database with the schema already at the latest migration: a copy of a template the process
 * migrates once, so that the suites building a database per test do not pay for every migration each time (1.5 s
 * per database on PostgreSQL). Reference data are not in it: seeding takes the test's clock.
 */
export async function openMigratedTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'sqlite') return openSqliteTestDatabase(await (templates.sqlite ??= migratedSqliteTemplate()));
  return openPostgresTestDatabase(
    randomName('zerotrip_test'),
    await (templates.pg ??= migratedPostgresTemplate()),
  );
}

/** The templates of this process, made on first use: a SQLite file, a PostgreSQL database name. */
const templates = perProcess('templates', (): { sqlite?: Promise<string>; pg?: Promise<string> } => ({}));

/** Removes this process's templates; a later {@link openMigratedTestDatabase} makes them again. */
async function dropTemplates(): Promise<void> {
  const { sqlite, pg } = templates;
  delete templates.sqlite;
  delete templates.pg;
  // A template that failed to be made has nothing to remove (its error was the tests' to report).
  const file = await sqlite?.catch(() => undefined);
  if (file) fs.rmSync(path.dirname(file), { recursive: true, force: true });
  const name = await pg?.catch(() => undefined);
  if (name) await dropPostgresDatabase(name);
}

async function migratedSqliteTemplate(): Promise<string> {
  atEndOfRun(dropTemplates);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zerotrip-template-'));
  const filename = path.join(dir, 'zerotrip.db');
  const db = openDatabase({ client: 'sqlite', filename });
  await migrateLatest(db.knex);
  // Closing the last connection folds the WAL back into the file, so the file alone is the template.
  await db.knex.destroy();
  return filename;
}

async function migratedPostgresTemplate(): Promise<string> {
  atEndOfRun(dropTemplates);
  const name = randomName('zerotrip_template');
  const template = await openPostgresTestDatabase(name);
  await migrateLatest(template.db.knex);
  // CREATE DATABASE … TEMPLATE refuses a template anyone is connected to.
  await template.db.knex.destroy();
  return name;
}

function randomName(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

/** A temporary SQLite file, empty or a copy of `template`; `close` removes it. */
async function openSqliteTestDatabase(template?: string): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zerotrip-test-'));
  const filename = path.join(dir, 'zerotrip.db');
  if (template) fs.copyFileSync(template, filename);
  const db = openDatabase({ client: 'sqlite', filename });
  return {
    kind: 'sqlite',
    db,
    url: `sqlite:${filename}`,
    async close() {
      await db.knex.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Creates the PostgreSQL database `name` (a copy of `template` when given) and opens it; `close` drops it. */
async function openPostgresTestDatabase(name: string, template?: string): Promise<TestDatabase> {
  const admin = adminKnex();
  try {
    await admin.raw(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  } catch (error) {
    throw new Error(
      `PostgreSQL is needed for the store suites and is not reachable at ${PG_ADMIN_URL} (${String(error)}).\n` +
        `Start it: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\n` +
        'or, on a machine without PostgreSQL and outside CI, set ZEROTRIP_SKIP_PG=1 to run SQLite only.',
    );
  } finally {
    await admin.destroy();
  }
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const db = openDatabase({ client: 'pg', connection: url.toString() });
  return {
    kind: 'pg',
    db,
    url: url.toString(),
    async close() {
      await db.knex.destroy();
      await dropPostgresDatabase(name);
    },
  };
}

async function dropPostgresDatabase(name: string): Promise<void> {
  const admin = adminKnex();
  try {
    await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.destroy();
  }
}

function adminKnex() {
  return knexFactory({ client: 'pg', connection: PG_ADMIN_URL, pool: { min: 0, max: 1 } });
}
