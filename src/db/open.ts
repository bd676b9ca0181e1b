import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import type { Config, DatabaseConfig } from '../config.ts';
import { pgDialect, sqliteDialect, type Dialect } from './dialect.ts';

/** An open database: the Knex instance and the dialect that explains its differences. */
export interface Database {
  knex: Knex;
  dialect: Dialect;
}

/**
 * Knex prints every failed or dropped connection with its stack on the console. The caller of the query gets
 * the same error and reports it once (a 503 with a log line, readiness, the start-up line), so these are left
 * out; other warnings are kept.
 */
function quietConnectionWarnings(message: string): void {
  if (/^(Acquire connection error|Connection Error)/.test(String(message))) return;
  console.warn(message);
}

/** Opens Knex for SQLite (WAL, foreign keys, one connection) or PostgreSQL. */
export function openDatabase(
  database: DatabaseConfig,
  options: Pick<Config, 'sqliteSynchronous'> = { sqliteSynchronous: 'NORMAL' },
): Database {
  if (database.client === 'pg') {
    const knex = knexFactory({
      client: 'pg',
      connection: database.connection,
      pool: { min: 0, max: 10 },
      log: { warn: quietConnectionWarnings },
    });
    return { knex, dialect: pgDialect };
  }
  if (database.filename !== ':memory:') fs.mkdirSync(path.dirname(database.filename), { recursive: true });
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: database.filename },
    useNullAsDefault: true,
    // One connection: SQLite has a single writer, and a second connection would only wait on its lock.
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: { pragma(sql: string): unknown }, done: (err: Error | null, conn: unknown) => void) {
        conn.pragma('journal_mode = WAL');
        conn.pragma('foreign_keys = ON');
        conn.pragma(`synchronous = ${options.sqliteSynchronous}`);
        conn.pragma('busy_timeout = 5000');
        done(null, conn);
      },
    },
  });
  return { knex, dialect: sqliteDialect };
}
