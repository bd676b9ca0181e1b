import type { Knex } from 'knex';

/**
 * Everything that differs between SQLite and PostgreSQL, in one place (kysely's dialect pattern):
 * the rest of the code asks the dialect instead of testing which database it runs on.
 */
export interface Dialect {
  readonly name: 'sqlite' | 'pg';
  /** Row lock for claiming work; PostgreSQL skips rows another instance holds, SQLite has one writer anyway. */
  lockSkipLocked<T extends {}>(query: Knex.QueryBuilder<T>): Knex.QueryBuilder<T>;
  /** Row lock that waits (used for the application row being transitioned). */
  lockForUpdate<T extends {}>(query: Knex.QueryBuilder<T>): Knex.QueryBuilder<T>;
  /** JSON columns come back as text from SQLite and parsed from PostgreSQL. */
  readJson<T>(value: unknown): T;
  /** Booleans come back as 0/1 from SQLite. */
  readBool(value: unknown): boolean;
  /** Counts and sums come back as strings (bigint) from PostgreSQL. */
  readNumber(value: unknown): number;
  /**
   * SQL for the continuous percentile of a column (linear interpolation between the closest ranks): both
   * databases compute it natively, with different syntax.
   */
  percentileCont(column: string, fraction: number): string;
}

const common = {
  readJson<T>(value: unknown): T {
    return (typeof value === 'string' ? JSON.parse(value) : value) as T;
  },
  readBool(value: unknown): boolean {
    return value === true || value === 1 || value === '1' || value === 't';
  },
  readNumber(value: unknown): number {
    return value === null || value === undefined ? 0 : Number(value);
  },
};

export const sqliteDialect: Dialect = {
  name: 'sqlite',
  // SQLite serialises writers on its own, and knex warns on every FOR UPDATE it cannot express.
  lockSkipLocked: (query) => query,
  lockForUpdate: (query) => query,
  // The SQLite bundled with better-sqlite3 12 has the percentile extension built in.
  percentileCont: (column, fraction) => `percentile_cont(${column}, ${Number(fraction)})`,
  ...common,
};

export const pgDialect: Dialect = {
  name: 'pg',
  lockSkipLocked: (query) => query.forUpdate().skipLocked(),
  lockForUpdate: (query) => query.forUpdate(),
  percentileCont: (column, fraction) =>
    `percentile_cont(${Number(fraction)}) within group (order by ${column})`,
  ...common,
  // node-postgres already parses json columns: a string here is a JSON string value (a state value such as
  // "draft"), not JSON text, and parsing it again would fail.
  readJson<T>(value: unknown): T {
    return value as T;
  },
};
