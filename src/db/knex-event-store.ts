import type { Knex } from 'knex';
import type { ColumnReader } from './column-reader.ts';
import type { Database } from './database.ts';
import type { EventStore, Row } from './event-store.ts';
import { insertFamilyInTurn } from './insert-family.ts';

/** The event store over a Knex transaction (or, for reads, the Knex instance itself). */
export function knexEventStore(trx: Knex.Transaction | Knex, dialect: ColumnReader): EventStore {
  const store: EventStore = {
    dialect,
    application: (id) => trx('applications').where({ id }).first(),
    insertApplication: async (row) => {
      await trx('applications').insert(row);
    },
    updateApplication: (id, version, fields) => trx('applications').where({ id, version }).update(fields),
    insertAudit: async (row) => {
      await trx('audit_events').insert(row);
    },
    auditRows: (applicationId) => trx('audit_events').where({ application_id: applicationId }).orderBy('seq'),
    openTasks: (applicationId, nodes) => {
      const open = trx('tasks').where({ application_id: applicationId, status: 'open' });
      return nodes ? open.whereIn('node', [...nodes]) : open;
    },
    hasTaskOf: async (applicationId, department) =>
      (await trx('tasks').where({ application_id: applicationId, department }).first('id')) !== undefined,
    updateTask: async (id, fields) => {
      await trx('tasks').where({ id }).update(fields);
    },
    insertTask: async (row) => {
      await trx('tasks').insert(row);
    },
    replaceTimer: async (row) => {
      await trx('timers').where({ application_id: row.application_id, timer_key: row.timer_key }).del();
      await trx('timers').insert(row);
    },
    deleteTimer: async (applicationId, key) => {
      await trx('timers').where({ application_id: applicationId, timer_key: key }).del();
    },
    deleteTimers: async (applicationId) => {
      await trx('timers').where({ application_id: applicationId }).del();
    },
    insertOutbox: async (row) => {
      await trx('outbox').insert(row);
    },
    latestChecklist: () => trx('checklist_versions').orderBy('version', 'desc').first(),
    updateIdempotencyKey: (where, fields) => trx('idempotency_keys').where(where).update(fields),
    insert: async (table, row) => {
      await trx(table).insert(row);
    },
    query: async (sql, values) => {
      // PostgreSQL answers a result with `rows`; better-sqlite3 through Knex answers the rows themselves.
      const result = await trx.raw(sql, values as Knex.RawBinding[]);
      return (Array.isArray(result) ? result : (result.rows ?? [])) as Row[];
    },
    insertFamily: (parent, children) => insertFamilyInTurn(store, parent, children),
  };
  return store;
}

/**
 * Where a read or write that may also run inside an event goes: the store of the event's transaction (a group
 * commit's prepared statements, or Knex on a transaction), or, given the database, straight through its Knex.
 */
export function storeOf(from: Database | EventStore): EventStore {
  return 'knex' in from ? knexEventStore(from.knex, from.dialect) : from;
}
