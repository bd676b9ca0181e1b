import type { Knex } from 'knex';
import type { Dialect } from '../db/dialect.ts';

/** A row as the database returns it. */
export type Row = Record<string, unknown>;

/**
 * Everything the engine reads and writes while it applies one event, inside one transaction. Two
 * implementations: Knex over a transaction (PostgreSQL, and SQLite off the hot path), and cached prepared
 * statements on the SQLite connection for group-committed events (src/db/sqlite-event-store.ts).
 */
export interface EventStore {
  readonly dialect: Dialect;
  application(id: string): Promise<Row | undefined>;
  insertApplication(row: Row): Promise<void>;
  /** Updates the case if it is still at `version`; returns the number of rows changed (0 on a conflict). */
  updateApplication(id: string, version: number, fields: Row): Promise<number>;
  insertAudit(row: Row): Promise<void>;
  auditRows(applicationId: string): Promise<Row[]>;
  openTasks(applicationId: string): Promise<Row[]>;
  /** Whether a department has, or had, a task on the case (a clerk's visibility). */
  hasTaskOf(applicationId: string, department: string): Promise<boolean>;
  updateTask(id: unknown, fields: Row): Promise<void>;
  insertTask(row: Row): Promise<void>;
  /** Sets a timer, replacing one with the same key. */
  replaceTimer(row: Row): Promise<void>;
  deleteTimer(applicationId: string, key: string): Promise<void>;
  deleteTimers(applicationId: string): Promise<void>;
  insertOutbox(row: Row): Promise<void>;
  /** The checklist version in force (the body as stored). */
  latestChecklist(): Promise<Row | undefined>;
  /**
   * Updates the `idempotency_keys` row whose columns equal `where` (src/http/idempotency.ts completes a key in
   * the transaction of its work); returns the number of rows changed.
   */
  updateIdempotencyKey(where: Row, fields: Row): Promise<number>;
}

/** The engine's store over a Knex transaction. */
export function knexEventStore(trx: Knex.Transaction | Knex, dialect: Dialect): EventStore {
  return {
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
    openTasks: (applicationId) => trx('tasks').where({ application_id: applicationId, status: 'open' }),
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
  };
}
