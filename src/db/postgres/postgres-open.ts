import knexFactory from 'knex';
import type { Database } from '../database.ts';
import { pgDialect } from './postgres-dialect.ts';

/**
 * Knex prints every failed or dropped connection with its stack on the console. The caller of the query gets
 * the same error and reports it once (a 503 with a log line, readiness, the start-up line), so these are left
 * out; other warnings are kept.
 */
function quietConnectionWarnings(message: string): void {
  if (/^(Acquire connection error|Connection Error)/.test(String(message))) return;
  console.warn(message);
}

/** Opens Knex for PostgreSQL at a `postgres://` URL, with a pool of up to ten connections. */
export function openPostgres(connection: string): Database {
  const knex = knexFactory({
    client: 'pg',
    connection,
    pool: { min: 0, max: 10 },
    log: { warn: quietConnectionWarnings },
  });
  return { knex, dialect: pgDialect };
}
