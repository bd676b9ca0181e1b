import type { Knex } from 'knex';

/**
 * Runs start-up work (migrate, seed) one instance at a time, so that instances starting together on one empty
 * database do not race to create the same tables and rows.
 */
export interface OneAtATime {
  oneAtATime<T>(knex: Knex, work: () => Promise<T>): Promise<T>;
}
