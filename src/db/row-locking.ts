import type { Knex } from 'knex';

/** How a query locks the rows it reads, for the engine's case transitions and the outbox's claims. */
export interface RowLocking {
  /** Row lock for claiming work; PostgreSQL skips rows another instance holds, SQLite has one writer anyway. */
  lockSkipLocked<T extends {}>(query: Knex.QueryBuilder<T>): Knex.QueryBuilder<T>;
  /** Row lock that waits (used for the application row being transitioned). */
  lockForUpdate<T extends {}>(query: Knex.QueryBuilder<T>): Knex.QueryBuilder<T>;
}
