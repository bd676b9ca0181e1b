import type { ColumnReader } from './column-reader.ts';

/** A row as the database returns it. */
export type Row = Record<string, unknown>;

/** A row inserted unless the value of its unique column `unique` is taken ({@link EventStore.insertFamily}). */
export interface FamilyParent {
  table: string;
  row: Row;
  unique: string;
}

/** Rows inserted with their parent, pointing to its `id` through their column `key`. */
export interface FamilyChildren {
  table: string;
  key: string;
  rows: Row[];
}

/**
 * Everything the engine reads and writes while it applies one event, inside one transaction. Two
 * implementations: Knex over a transaction (knex-event-store.ts: PostgreSQL, and SQLite off the hot path), and
 * cached prepared statements on the SQLite connection for group-committed events
 * (sqlite/sqlite-event-store.ts).
 */
export interface EventStore {
  /** How the rows it returns are read (the engine turns them into records). */
  readonly dialect: ColumnReader;
  application(id: string): Promise<Row | undefined>;
  insertApplication(row: Row): Promise<void>;
  /** Updates the case if it is still at `version`; returns the number of rows changed (0 on a conflict). */
  updateApplication(id: string, version: number, fields: Row): Promise<number>;
  insertAudit(row: Row): Promise<void>;
  auditRows(applicationId: string): Promise<Row[]>;
  /** The case's open tasks; of the nodes named only, when `nodes` is given (the tasks an event closes). */
  openTasks(applicationId: string, nodes?: readonly string[]): Promise<Row[]>;
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
  /** Inserts one row into a table of a feature that writes with an event (a licence, a notification). */
  insert(table: string, row: Row): Promise<void>;
  /**
   * Inserts `parent.row` unless its `parent.unique` column's value is taken (then nothing), and with it each of
   * `children.rows`, their `children.key` column set to the new row's `id`. Nothing is answered, so a store may
   * hold it back to travel with a later statement (PostgreSQL: one statement, held like the audit record).
   */
  insertFamily(parent: FamilyParent, children: FamilyChildren): Promise<void>;
  /**
   * Runs one statement with `?` placeholders and answers the rows it returns (a select, or a write with
   * `returning`): the escape hatch for features whose writes must commit with the event, in SQL both
   * databases accept.
   */
  query(sql: string, values: unknown[]): Promise<Row[]>;
  /**
   * What the engine keeps of each case written in the current batch and not committed yet, by case id, with
   * the version written: a case's next event in the same batch then skips restoring its snapshot. The group
   * commit empties it whenever it undoes a write and after every batch, so nothing in it outlives a rollback.
   * Absent where a store lives for one transaction of one event.
   */
  readonly uncommitted?: Map<string, { version: number; value: unknown }>;
}

/**
 * Runs work inside a shared transaction and answers once it has committed (sqlite/sqlite-group-commit.ts,
 * postgres/postgres-group-commit.ts); the service hands one to the engine (group-commit-for.ts).
 */
export interface GroupCommit {
  /**
   * Transactions committed and the events they carried; on PostgreSQL also the statements sent, each one round
   * trip (the benchmark prints the ratios).
   */
  readonly stats?: { batches: number; events: number; queries?: number };
  /**
   * `caseId` names the case the work writes: PostgreSQL locks the batch's cases up front (SQLite, with its
   * one writer, has no use for it).
   */
  run<T>(work: (store: EventStore) => Promise<T>, caseId?: string): Promise<T>;
  /**
   * Where the engine's reads go when they need not wait for a batch (PostgreSQL serves them on other
   * connections); without it, reads join the next batch (SQLite's one connection).
   */
  read?<T>(work: (store: EventStore) => Promise<T>): Promise<T>;
}
