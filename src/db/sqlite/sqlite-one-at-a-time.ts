import type { Knex } from 'knex';

/** Errors another instance's start-up causes on a shared SQLite file: the work is tried again. */
const STARTUP_CONTENTION = /already exists|already locked|SQLITE_BUSY|database is locked|UNIQUE constraint/;

/**
 * SQLite's one-at-a-time start-up. The one connection of a process cannot hold a lock while it migrates, and
 * SQLite has no advisory locks: a second process on the same file (a rare set-up) retries until the first has
 * finished.
 */
export async function sqliteOneAtATime<T>(_knex: Knex, work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= 50 || !STARTUP_CONTENTION.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
