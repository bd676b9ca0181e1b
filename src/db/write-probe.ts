import type { Knex } from 'knex';

/** Readiness: whether the database takes a write. */
export interface WriteProbe {
  /** Throws unless the database takes a write: a no-op update, rolled back. */
  probeWrite(knex: Knex): Promise<void>;
}

const ROLLED_BACK = new Error('write probe rolled back');

/**
 * Rewrites knex's migration lock row with its own value in a transaction that is then rolled back: a
 * read-only, full or failing database refuses it, and nothing changes either way. `before` runs first in the
 * same transaction (a database's own settings for the probe).
 */
export async function probeWriteWith(
  knex: Knex,
  before?: (trx: Knex.Transaction) => Promise<unknown>,
): Promise<void> {
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
