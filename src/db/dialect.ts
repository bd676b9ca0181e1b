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
  /**
   * Runs start-up work (migrate, seed) one instance at a time, so that instances starting together on one
   * empty database do not race to create the same tables and rows.
   */
  oneAtATime<T>(knex: Knex, work: () => Promise<T>): Promise<T>;
  /** Throws unless the database takes a write (readiness): a no-op update, rolled back. */
  probeWrite(knex: Knex): Promise<void>;
}

const ROLLED_BACK = new Error('write probe rolled back');

/**
 * Rewrites knex's migration lock row with its own value in a transaction that is then rolled back: a
 * read-only, full or failing database refuses it, and nothing changes either way.
 */
async function probeWriteWith(knex: Knex, before?: (trx: Knex.Transaction) => Promise<unknown>) {
  try {
    await knex.transaction(async (trx) => {
      await before?.(trx);
      await trx('knex_migrations_lock').update({ is_locked: trx.ref('is_locked') });
      throw ROLLED_BACK;
    });
  } catch (error) {
    if (error !== ROLLED_BACK) throw error;
  }
}

/** The advisory lock key start-up work takes on PostgreSQL (any constant; "ZTRP" in ASCII). */
const STARTUP_LOCK = 0x5a545250;

/** Errors another instance's start-up causes on a shared SQLite file: the work is tried again. */
const STARTUP_CONTENTION = /already exists|already locked|SQLITE_BUSY|database is locked|UNIQUE constraint/;

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
  probeWrite: (knex) => probeWriteWith(knex),
  // The one connection of a process cannot hold a lock while it migrates, and SQLite has no advisory locks:
  // a second process on the same file (a rare set-up) retries until the first has finished.
  async oneAtATime(_knex, work) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (attempt >= 50 || !STARTUP_CONTENTION.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  },
  ...common,
};

export const pgDialect: Dialect = {
  name: 'pg',
  lockSkipLocked: (query) => query.forUpdate().skipLocked(),
  lockForUpdate: (query) => query.forUpdate(),
  percentileCont: (column, fraction) =>
    `percentile_cont(${Number(fraction)}) within group (order by ${column})`,
  // A migration holds the lock row for its whole run: say "not ready" soon rather than wait for it.
  probeWrite: (knex) => probeWriteWith(knex, (trx) => trx.raw("set local lock_timeout = '2s'")),
  // A session-level advisory lock on a connection of its own, held while the work runs on the pool's others:
  // knex's migration lock table cannot help here, since creating that table is itself the first race.
  async oneAtATime(knex, work) {
    const connection = await knex.client.acquireConnection();
    try {
      await knex.raw('select pg_advisory_lock(?)', [STARTUP_LOCK]).connection(connection);
      try {
        return await work();
      } finally {
        await knex.raw('select pg_advisory_unlock(?)', [STARTUP_LOCK]).connection(connection);
      }
    } finally {
      await knex.client.releaseConnection(connection);
    }
  },
  ...common,
  // node-postgres already parses json columns: a string here is a JSON string value (a state value such as
  // "draft"), not JSON text, and parsing it again would fail.
  readJson<T>(value: unknown): T {
    return value as T;
  },
};
