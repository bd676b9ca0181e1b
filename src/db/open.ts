import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import knexFactory, { type Knex } from 'knex';
import type { Config, DatabaseConfig } from '../config.ts';
import { pgDialect, sqliteDialect, type Dialect } from './dialect.ts';

/** An open database: the Knex instance and the dialect that explains its differences. */
export interface Database {
  knex: Knex;
  dialect: Dialect;
  /**
   * SQLite on a file: a read-only connection of its own for reads on the hot path. WAL lets it read the last
   * committed state while the writer commits, so a read never waits for a group commit. Closed with Knex.
   */
  readConnection?: () => BetterSqlite3.Database;
}

/** Opens Knex for SQLite (WAL, foreign keys, one connection) or PostgreSQL. */
export function openDatabase(
  database: DatabaseConfig,
  options: Pick<Config, 'sqliteSynchronous'> = { sqliteSynchronous: 'NORMAL' },
): Database {
  if (database.client === 'pg') {
    const knex = knexFactory({ client: 'pg', connection: database.connection, pool: { min: 0, max: 10 } });
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
  if (database.filename === ':memory:') return { knex, dialect: sqliteDialect };
  let reader: BetterSqlite3.Database | undefined;
  const destroy = knex.destroy.bind(knex);
  // Knex owns the writer; the reader must end with it, whoever closes the database.
  Object.defineProperty(knex, 'destroy', {
    configurable: true,
    value: async () => {
      reader?.close();
      reader = undefined;
      await destroy();
    },
  });
  const readConnection = () => {
    reader ??= new BetterSqlite3(database.filename, { readonly: true, fileMustExist: true });
    return reader;
  };
  return { knex, dialect: sqliteDialect, readConnection };
}
