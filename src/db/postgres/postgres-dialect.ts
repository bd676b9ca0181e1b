import { readBool, readNumber } from '../column-reader.ts';
import type { Dialect } from '../dialect.ts';
import { probeWriteWith } from '../write-probe.ts';
import { postgresOneAtATime } from './postgres-advisory-lock.ts';

/** PostgreSQL's answers to the dialect's roles (node-postgres through Knex). */
export const pgDialect: Dialect = {
  name: 'pg',
  lockSkipLocked: (query) => query.forUpdate().skipLocked(),
  lockForUpdate: (query) => query.forUpdate(),
  percentileCont: (column, fraction) =>
    `percentile_cont(${Number(fraction)}) within group (order by ${column})`,
  // A migration holds the lock row for its whole run: say "not ready" soon rather than wait for it.
  probeWrite: (knex) => probeWriteWith(knex, (trx) => trx.raw("set local lock_timeout = '2s'")),
  oneAtATime: postgresOneAtATime,
  // node-postgres already parses json columns: a string here is a JSON string value (a state value such as
  // "draft"), not JSON text, and parsing it again would fail.
  readJson<T>(value: unknown): T {
    return value as T;
  },
  readBool,
  readNumber,
};
