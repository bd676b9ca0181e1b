import type { ColumnReader } from './column-reader.ts';
import type { OneAtATime } from './one-at-a-time.ts';
import type { PercentileSql } from './percentile-sql.ts';
import type { RowLocking } from './row-locking.ts';
import type { WriteProbe } from './write-probe.ts';

/**
 * Everything that differs between SQLite and PostgreSQL, in one place (kysely's dialect pattern): the rest of
 * the code asks the dialect instead of testing which database it runs on. Each role is an interface of its
 * own, so that a consumer can depend on the one it uses; `sqlite/sqlite-dialect.ts` and
 * `postgres/postgres-dialect.ts` implement them all.
 */
export interface Dialect extends RowLocking, ColumnReader, PercentileSql, OneAtATime, WriteProbe {
  readonly name: 'sqlite' | 'pg';
}
