import { readBool, readNumber } from '../column-reader.ts';
import type { Dialect } from '../dialect.ts';
import { probeWriteWith } from '../write-probe.ts';
import { sqliteOneAtATime } from './sqlite-one-at-a-time.ts';

/** SQLite's answers to the dialect's roles (better-sqlite3 12 through Knex). */
export const sqliteDialect: Dialect = {
  name: 'sqlite',
  // SQLite serialises writers on its own, and knex warns on every FOR UPDATE it cannot express.
  lockSkipLocked: (query) => query,
  lockForUpdate: (query) => query,
  // The SQLite bundled with better-sqlite3 12 has the percentile extension built in.
  percentileCont: (column, fraction) => `percentile_cont(${column}, ${Number(fraction)})`,
  probeWrite: (knex) => probeWriteWith(knex),
  oneAtATime: sqliteOneAtATime,
  // JSON columns are stored as text.
  readJson<T>(value: unknown): T {
    return (typeof value === 'string' ? JSON.parse(value) : value) as T;
  },
  readBool,
  readNumber,
};
