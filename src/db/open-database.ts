import type { Config, DatabaseConfig } from '../config.ts';
import type { Database } from './database.ts';
import { openPostgres } from './postgres/postgres-open.ts';
import { openSqlite } from './sqlite/sqlite-open.ts';

/** Opens Knex for SQLite (WAL, foreign keys, one connection) or PostgreSQL, as the configuration says. */
export function openDatabase(
  database: DatabaseConfig,
  options: Pick<Config, 'sqliteSynchronous'> = { sqliteSynchronous: 'NORMAL' },
): Database {
  return database.client === 'pg'
    ? openPostgres(database.connection)
    : openSqlite(database.filename, options.sqliteSynchronous);
}
