import type { Knex } from 'knex';
import type { Dialect } from './dialect.ts';

/** An open database: the Knex instance and the dialect that explains its differences. */
export interface Database {
  knex: Knex;
  dialect: Dialect;
}
