import type { EventStore, FamilyChildren, FamilyParent, Row } from '../event-store.ts';
import { pgDialect } from './postgres-dialect.ts';
import { LockedRows, type PgResult } from './postgres-locked-rows.ts';
import {
  bind,
  childInsertOf,
  combined,
  insertOf,
  insertRowsOf,
  nameOf,
  numbered,
  updateOf,
  type Piece,
  type Statement,
} from './postgres-statement.ts';

export type { PgResult } from './postgres-locked-rows.ts';

/** A node-postgres client as the Knex pool hands it out: named statements, or simple text. */
export interface PgConnection {
  query(query: { name?: string; text: string; values: unknown[] } | string): Promise<PgResult>;
}

/** A write whose answer nobody needs, held back to travel with a later statement (see {@link send}). */
interface HeldWrite extends Piece {
  /** The event that wrote it (see {@link PostgresEventStore.begin}). */
  event: number;
  /** The rows of an insert, which the same event's next rows of that table and columns join. */
  rows?: { table: string; columns: string[]; key: string; values: unknown[][] };
}

/** A statement sent now: what it touches, and whether it writes. */
interface Sent extends Piece {
  touches(table: string): boolean;
  writes: boolean;
}

const held = (event: number, table: string, statement: Statement): HeldWrite => ({
  parts: [statement],
  tables: [table],
  event,
});

const sentOn = (table: string, statement: Statement, writes: boolean): Sent => ({
  parts: [statement],
  tables: [table],
  touches: (t) => t === table,
  writes,
});

/**
 * Whether a raw statement names a table, by a regex compiled once per table name: `query` asks it of every held
 * table on the observers' hot path, and the tables held are the store's own few.
 */
const namers = new Map<string, RegExp>();
function names(sql: string, table: string): boolean {
  let namer = namers.get(table);
  if (!namer) {
    namer = new RegExp(`\\b${table}\\b`, 'i');
    namers.set(table, namer);
  }
  return namer.test(sql);
}

/** A write's keywords and, looked ahead at so that a match may start on it, the table's name. */
const WRITE = /\b(?:update|insert\s+into|delete\s+from)\s+(?=(\w+))/gi;

/** The tables a raw statement writes (`update`, `insert into`, `delete from`), lower case. */
function writtenBy(sql: string): string[] {
  return Array.from(sql.matchAll(WRITE), (m) => m[1]!.toLowerCase());
}

/** Two pieces that may not share a statement: they touch a table in common. */
const overlap = (a: Piece, b: Piece) => a.tables.some((t) => b.tables.includes(t));

/**
 * The engine's store on PostgreSQL for group-committed events: named (prepared) statements on the group's
 * connection, each parsed once per connection by node-postgres. Round trips are what an event costs here, so:
 * the case rows and their tasks come from the batch's lock statements and are kept current ({@link locked},
 * postgres-locked-rows.ts); writes whose answer nobody reads (the case update checked against the version the
 * lock read, the audit record, task changes, outbox rows, a notification with its recipients) are held back and
 * sent with the next statement as data-modifying CTEs — the next event's too, until the group commit flushes
 * them before COMMIT. Every statement sent is counted (`queries`). Only used while the group commit holds the
 * connection in a transaction.
 */
export class PostgresEventStore implements EventStore {
  readonly dialect = pgDialect;
  /** Statements sent on the connection, each one round trip (the group commit counts its own too). */
  queries = 0;
  private readonly kept = new LockedRows();
  private held: HeldWrite[] = [];
  /** The current event, counted from the batch's start: held writes say whose they are. */
  private event = 0;
  /**
   * Whether the current event's own writes were sent, or a statement failed: its failure then takes the batch's
   * transaction down.
   */
  wrote = false;
  /**
   * Whether a statement that failed carried writes held from an earlier event of the batch: which of them
   * failed is then unknown.
   */
  failedWithOthers = false;
  readonly uncommitted = new Map<string, { version: number; value: unknown }>();

  constructor(readonly conn: PgConnection) {}

  /** Keeps the case rows and the tasks the batch's lock statements read (true while the lock is held). */
  locked(cases: PgResult | undefined, tasks: PgResult | undefined): void {
    this.kept.keep(cases, tasks);
    this.held = [];
    this.event = 0;
    this.uncommitted.clear();
  }

  /** Starts an event: nothing written by it yet (an earlier event's writes may still be held). */
  begin(): void {
    this.event++;
    this.wrote = false;
    this.failedWithOthers = false;
    this.kept.begin();
  }

  /** Drops a refused event's held writes (it sent none: the transaction is as it was before it). */
  refused(): void {
    this.held = this.held.filter((w) => w.event !== this.event);
    this.kept.restore();
    this.uncommitted.clear();
  }

  /** Sends whatever writes are still held (the group commit's, before COMMIT or after a careful event). */
  async flush(): Promise<void> {
    if (this.held.length) await this.send(undefined);
  }

  /**
   * Sends the held writes, and `last` (a read, or a write whose answer is needed) with them, in as few
   * statements as their order allows: they share a snapshot and run in no set order, so two pieces on one table
   * never travel together (one could miss the other's rows, or draw serial ids out of order: tasks and outbox
   * rows are read in id order), and `last` travels only with writes to tables it does not touch — the others
   * go before it.
   */
  private async send(last: Sent | undefined): Promise<PgResult> {
    const writes = this.held;
    this.held = [];
    const groups: HeldWrite[][] = [];
    for (const write of writes) {
      const group = groups.at(-1);
      if (group && !group.some((w) => overlap(w, write))) group.push(write);
      else groups.push([write]);
    }
    const tail = groups.at(-1);
    const carried =
      last && tail && !tail.some((w) => w.tables.some((t) => last.touches(t))) ? groups.pop()! : [];
    let result: PgResult | undefined;
    for (const group of groups) result = await this.together(group, undefined);
    return last ? this.together(carried, last) : result!;
  }

  /** One statement: `writes` as CTEs, then `last`, or the last write. */
  private async together(writes: HeldWrite[], last: Sent | undefined): Promise<PgResult> {
    const { text, values } = combined(last ? [...writes, last] : writes);
    const own = last?.writes === true || writes.some((w) => w.event === this.event);
    const others = writes.some((w) => w.event !== this.event);
    this.queries++;
    try {
      const name = nameOf(text);
      const result = await this.conn.query(name ? { name, text, values } : { text, values });
      if (own) this.wrote = true;
      return result;
    } catch (error) {
      // PostgreSQL has aborted the transaction: nothing more can be sent in it.
      this.wrote = true;
      if (others) this.failedWithOthers = true;
      throw error;
    }
  }

  private hold(table: string, statement: Statement): void {
    this.held.push(held(this.event, table, statement));
  }

  /**
   * Holds an insert of one row. The same event's next row for the same table and columns, held right after it,
   * joins it as one more row of the same statement: an acceptance opens a task per department, and each would
   * otherwise travel on its own (two pieces on one table never share a statement).
   */
  private holdInsert(table: string, row: Row): void {
    const columns = Object.keys(row);
    const key = columns.join(',');
    const values = columns.map((c) => bind(row[c]));
    const last = this.held.at(-1);
    if (last?.rows && last.event === this.event && last.rows.table === table && last.rows.key === key) {
      last.rows.values.push(values);
      last.parts = [insertRowsOf(table, columns, last.rows.values)];
      return;
    }
    this.held.push({
      ...held(this.event, table, insertRowsOf(table, columns, [values])),
      rows: { table, columns, key, values: [values] },
    });
  }

  private async rows(table: string, statement: Statement): Promise<Row[]> {
    return (await this.send(sentOn(table, statement, false))).rows as Row[];
  }

  async application(id: string): Promise<Row | undefined> {
    return (
      this.kept.case(id) ??
      (await this.rows('applications', { text: 'select * from applications where id = $1', values: [id] }))[0]
    );
  }

  async insertApplication(row: Row): Promise<void> {
    await this.send(sentOn('applications', insertOf('applications', row), true));
  }

  async updateApplication(id: string, version: number, fields: Row): Promise<number> {
    const update = updateOf('applications', fields, ['id', 'version'], [id, version]);
    // Under the batch's lock the kept row is the row in the table: the version check holds without asking,
    // and the update can be held. Otherwise (a case no lock covers) it is asked now.
    if (this.kept.updateCase(id, version, fields)) {
      this.hold('applications', update);
      return 1;
    }
    return (await this.send(sentOn('applications', update, true))).rowCount ?? 0;
  }

  async insertAudit(row: Row): Promise<void> {
    this.holdInsert('audit_events', row);
  }

  async auditRows(applicationId: string): Promise<Row[]> {
    return this.rows('audit_events', {
      text: 'select * from audit_events where application_id = $1 order by seq',
      values: [applicationId],
    });
  }

  async openTasks(applicationId: string, nodes?: readonly string[]): Promise<Row[]> {
    const kept = this.kept.tasksOf(applicationId);
    if (kept) return kept.filter((t) => t.status === 'open' && (!nodes || nodes.includes(String(t.node))));
    if (nodes) {
      const text = "select * from tasks where application_id = $1 and status = 'open' and node = any($2)";
      return this.rows('tasks', { text, values: [applicationId, [...nodes]] });
    }
    return this.rows('tasks', {
      text: "select * from tasks where application_id = $1 and status = 'open'",
      values: [applicationId],
    });
  }

  async hasTaskOf(applicationId: string, department: string): Promise<boolean> {
    const kept = this.kept.tasksOf(applicationId);
    if (kept) return kept.some((t) => t.department === department);
    const rows = await this.rows('tasks', {
      text: 'select 1 from tasks where application_id = $1 and department = $2 limit 1',
      values: [applicationId, department],
    });
    return rows.length > 0;
  }

  async updateTask(id: unknown, fields: Row): Promise<void> {
    this.kept.updateTask(id, fields);
    this.hold('tasks', updateOf('tasks', fields, ['id'], [id]));
  }

  async insertTask(row: Row): Promise<void> {
    this.kept.forgetTasksOf(String(row.application_id));
    this.holdInsert('tasks', row);
  }

  async replaceTimer(row: Row): Promise<void> {
    // A delete and an insert of one key cannot share a statement (one snapshot): the delete goes first.
    await this.deleteTimer(String(row.application_id), String(row.timer_key));
    this.hold('timers', insertOf('timers', row));
  }

  async deleteTimer(applicationId: string, key: string): Promise<void> {
    this.hold('timers', {
      text: 'delete from timers where application_id = $1 and timer_key = $2',
      values: [applicationId, key],
    });
  }

  async deleteTimers(applicationId: string): Promise<void> {
    this.hold('timers', { text: 'delete from timers where application_id = $1', values: [applicationId] });
  }

  async insertOutbox(row: Row): Promise<void> {
    this.holdInsert('outbox', row);
  }

  async latestChecklist(): Promise<Row | undefined> {
    const text = 'select * from checklist_versions order by version desc limit 1';
    return (await this.rows('checklist_versions', { text, values: [] }))[0];
  }

  async updateIdempotencyKey(where: Row, fields: Row): Promise<number> {
    const columns = Object.keys(where);
    const update = updateOf(
      'idempotency_keys',
      fields,
      columns,
      columns.map((c) => bind(where[c])),
    );
    return (await this.send(sentOn('idempotency_keys', update, true))).rowCount ?? 0;
  }

  async insert(table: string, row: Row): Promise<void> {
    // Sent now: a feature may catch its own write's refusal (a unique key) and must see it here.
    this.forgetWritten(table);
    await this.send(sentOn(table, insertOf(table, row), true));
  }

  async insertFamily(parent: FamilyParent, children: FamilyChildren): Promise<void> {
    // One piece: the children read the new id from the parent's `returning`, and none are inserted when the
    // parent's unique value was taken. Held: nobody reads the answer.
    this.forgetWritten(parent.table);
    this.forgetWritten(children.table);
    this.held.push({
      parts: [
        insertOf(parent.table, parent.row, ` on conflict (${parent.unique}) do nothing returning id`),
        ...children.rows.map((row) => childInsertOf(children.table, children.key, row)),
      ],
      tables: [parent.table, children.table],
      event: this.event,
    });
  }

  async query(sql: string, values: unknown[]): Promise<Row[]> {
    // Any table may be read or written here: it travels with the held writes to tables it does not name (a
    // name that is not a table only sends more of them first). A case row or task it writes is no longer as
    // kept.
    const text = numbered(sql);
    for (const table of writtenBy(sql)) this.forgetWritten(table);
    const sent: Sent = {
      parts: [{ text, values: values.map(bind) }],
      tables: [],
      touches: (table) => names(sql, table),
      writes: !/^\s*select\b/i.test(sql),
    };
    return (await this.send(sent)).rows as Row[];
  }

  /** Forgets kept rows of a table written without being followed here. */
  private forgetWritten(table: string): void {
    if (table === 'applications') this.kept.forgetCases();
    if (table === 'tasks') this.kept.forgetTasks();
  }
}
