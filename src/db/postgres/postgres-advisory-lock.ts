import type { Knex } from 'knex';

/** The advisory lock key start-up work takes on PostgreSQL (any constant; "ZTRP" in ASCII). */
const STARTUP_LOCK = 0x5a545250;

/**
 * PostgreSQL's one-at-a-time start-up: a session-level advisory lock on a connection of its own, held while
 * the work runs on the pool's others. Knex's migration lock table cannot help here, since creating that table
 * is itself the first race.
 */
export async function postgresOneAtATime<T>(knex: Knex, work: () => Promise<T>): Promise<T> {
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
}
