import fs from 'node:fs';
import path from 'node:path';
import knexFactory from 'knex';
import type { Config } from '../../config.ts';
import type { Database } from '../database.ts';
import { sqliteDialect } from './sqlite-dialect.ts';

/** Opens Knex for a SQLite file (or `:memory:`): WAL, foreign keys, one connection. */
export function openSqlite(filename: string, synchronous: Config['sqliteSynchronous']): Database {
  if (filename !== ':memory:') fs.mkdirSync(path.dirname(filename), { recursive: true });
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    // One connection: SQLite has a single writer, and a second connection would only wait on its lock.
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: { pragma(sql: string): unknown }, done: (err: Error | null, conn: unknown) => void) {
        conn.pragma('journal_mode = WAL');
        conn.pragma('foreign_keys = ON');
        conn.pragma(`synchronous = ${synchronous}`);
        conn.pragma('busy_timeout = 5000');
        done(null, conn);
      },
    },
  });
  return { knex, dialect: sqliteDialect };
}
