import { createHash } from 'node:crypto';
import type { EventStore, Row } from '../event-store.ts';
import { pgDialect } from './postgres-dialect.ts';

/** What a query answers on node-postgres (the project has no type package for pg; this is all it uses). */
export interface PgResult {
  rows: Row[];
  rowCount: number | null;
  fields: Array<{ name: string; dataTypeID: number }>;
}

/** A node-postgres client as the Knex pool hands it out: named statements, or simple text. */
export interface PgConnection {
  query(query: { name: string; text: string; values: unknown[] } | string): Promise<PgResult>;
}

/** One statement, its placeholders numbered from $1. */
interface Statement {
  text: string;
  values: unknown[];
}

/** A write whose answer nobody needs, held back to travel with the next statement (see {@link send}). */
interface HeldWrite extends Statement {
  table: string;
}

/** Statement names by text: the same text gets the same name on every connection and every store. */
const names = new Map<string, string>();

function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `zt_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

/** Renumbers a statement's `$n` placeholders after `offset` others (our own SQL carries no other `$`). */
const shifted = (text: string, offset: number) =>
  offset === 0 ? text : text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);

/**
 * How node-postgres reads each column type back (its default parsers), for the written values a case row is
 * updated with: json and jsonb parsed, bigint and numeric as text, the smaller numbers as numbers. Text
 * types come back as written. A column of any other type makes the case be read again.
 */
const READ_BACK = new Map<number, (value: unknown) => unknown>([
  [114, (v) => (typeof v === 'string' ? JSON.parse(v) : v)],
  [3802, (v) => (typeof v === 'string' ? JSON.parse(v) : v)],
  [20, String],
  [1700, String],
  [21, Number],
  [23, Number],
  [700, Number],
  [701, Number],
  [16, (v) => v === true || v === 1 || v === 't' || v === 'true'],
  [25, String],
  [1043, String],
]);

/** Knex's `?` placeholders as `$n`, leaving quoted text alone. */
function numbered(sql: string): string {
  let n = 0;
  let quoted = false;
  let out = '';
  for (const c of sql) {
    if (c === "'") quoted = !quoted;
    out += c === '?' && !quoted ? `$${++n}` : c;
  }
  return out;
}

const bind = (value: unknown) => (value === undefined ? null : value);

function insertOf(table: string, row: Row): HeldWrite {
  const columns = Object.keys(row);
  return {
    table,
    text: `insert into ${table} (${columns.join(', ')}) values (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
    values: columns.map((c) => bind(row[c])),
  };
}

function updateOf(table: string, fields: Row, where: string[], whereValues: unknown[]): HeldWrite {
  const columns = Object.keys(fields);
  const n = columns.length;
  return {
    table,
    text:
      `update ${table} set ${columns.map((c, i) => `${c} = $${i + 1}`).join(', ')} ` +
      `where ${where.map((c, i) => `${c} = $${n + i + 1}`).join(' and ')}`,
    values: [...columns.map((c) => bind(fields[c])), ...whereValues],
  };
}

/**
 * The engine's store on PostgreSQL for group-committed events: named (prepared) statements on the group's
 * connection, each parsed once per connection by node-postgres. Round trips are what an event costs here, so:
 * the case rows come from the batch's lock statement ({@link locked}); writes whose answer nobody reads (the
 * audit record, task changes, outbox rows) are held back and sent with the next statement as data-modifying
 * CTEs; and the case update, checked against the version the lock read, travels with its audit record. Every
 * query sent is counted (`queries`). Only used while the group commit holds the connection in a transaction.
 */
export class PostgresEventStore implements EventStore {
  readonly dialect = pgDialect;
  /** Statements sent on the connection, each one round trip (the group commit counts its own too). */
  queries = 0;
  /**
   * The rows of the cases the batch locked, kept as they are now: the lock keeps other writers out, and each
   * update through here is applied to the kept row too (a case's next event in the batch reads it free).
   */
  private readonly lockedRows = new Map<string, Row>();
  /** The type of each column of the locked rows (how a written value reads back). */
  private columnTypes = new Map<string, number>();
  private held: HeldWrite[] = [];
  /**
   * Whether the current event sent a write, or a statement of it failed: its failure then takes the batch's
   * transaction down.
   */
  wrote = false;
  /** The kept rows as they were before the current event changed them, to put back if it is refused. */
  private readonly before = new Map<string, Row | undefined>();

  constructor(readonly conn: PgConnection) {}

  /** Keeps the case rows the batch's lock read (they stay true while the lock is held). */
  locked(result: PgResult | undefined): void {
    this.lockedRows.clear();
    this.held = [];
    if (!result) return;
    this.columnTypes = new Map(result.fields.map((f) => [f.name, f.dataTypeID]));
    for (const row of result.rows) this.lockedRows.set(String(row.id), row);
  }

  /** Starts an event: nothing held, nothing written yet. */
  begin(): void {
    this.held = [];
    this.wrote = false;
    this.before.clear();
  }

  /** Drops a refused event's held writes (it sent none: the transaction is as it was before it). */
  refused(): void {
    this.held = [];
    for (const [id, row] of this.before) {
      if (row) this.lockedRows.set(id, row);
      else this.lockedRows.delete(id);
    }
    this.before.clear();
  }

  /** The kept row after an update with `fields`, or none when a column would not read back as written. */
  private updated(row: Row, fields: Row): Row | undefined {
    const next = { ...row };
    for (const [column, value] of Object.entries(fields)) {
      const read = READ_BACK.get(this.columnTypes.get(column) ?? -1);
      if (!read) return undefined;
      next[column] = value === null || value === undefined ? null : read(value);
    }
    return next;
  }

  /** Sends whatever writes are still held; called when an event's work is done, before the next begins. */
  async flush(): Promise<void> {
    if (this.held.length) await this.send(undefined);
  }

  /**
   * Sends `last` (a read, or a write whose answer is needed) with the held writes in front of it as CTEs, all
   * in one statement, one round trip. They see the same snapshot and run in no set order, so held writes on
   * the table of `last`, or two on one table, are sent first (see {@link sendTogether}).
   */
  private async send(last: (Statement & { table?: string }) | undefined): Promise<PgResult> {
    const writes = this.held;
    this.held = [];
    const tables = new Set(writes.map((w) => w.table));
    const clash = last?.table === undefined || tables.has(last.table) || tables.size < writes.length;
    if (last && clash) {
      await this.sendTogether(writes);
      return this.run(last.text, last.values);
    }
    if (!last) return this.sendTogether(writes);
    return this.together([...writes, last]);
  }

  /**
   * Sends held writes, together where no two touch one table: sub-statements run in no set order, so two on
   * one table could miss each other's rows, or draw serial ids out of order (tasks and outbox rows are read in
   * id order).
   */
  private async sendTogether(writes: HeldWrite[]): Promise<PgResult> {
    let group: HeldWrite[] = [];
    let result: PgResult | undefined;
    for (const write of writes) {
      const mixes = group.some((w) => w.table === write.table);
      if (mixes) {
        result = await this.together(group);
        group = [];
      }
      group.push(write);
    }
    return group.length ? this.together(group) : result!;
  }

  /** One statement: every one but the last as a CTE, the last as the statement itself. */
  private together(statements: Statement[]): Promise<PgResult> {
    if (statements.length === 1) return this.run(statements[0]!.text, statements[0]!.values);
    let offset = 0;
    const parts: string[] = [];
    const values: unknown[] = [];
    for (const statement of statements) {
      parts.push(shifted(statement.text, offset));
      values.push(...statement.values);
      offset += statement.values.length;
    }
    const last = parts.pop()!;
    return this.run(`with ${parts.map((p, i) => `w${i} as (${p})`).join(', ')} ${last}`, values);
  }

  private async run(text: string, values: unknown[]): Promise<PgResult> {
    this.queries++;
    if (!/^\s*select\b/i.test(text)) this.wrote = true;
    try {
      return await this.conn.query({ name: nameOf(text), text, values });
    } catch (error) {
      // PostgreSQL has aborted the transaction: nothing more can be sent in it.
      this.wrote = true;
      throw error;
    }
  }

  private async rows(table: string | undefined, text: string, values: unknown[]): Promise<Row[]> {
    return (await this.send({ table, text, values })).rows as Row[];
  }

  async application(id: string): Promise<Row | undefined> {
    // A copy: the engine may complete what it is given.
    const row = this.lockedRows.get(id);
    if (row) return { ...row };
    return (await this.rows('applications', 'select * from applications where id = $1', [id]))[0];
  }

  async insertApplication(row: Row): Promise<void> {
    const write = insertOf('applications', row);
    await this.send(write);
  }

  async updateApplication(id: string, version: number, fields: Row): Promise<number> {
    const update = updateOf('applications', fields, ['id', 'version'], [id, version]);
    // Under the batch's lock the kept row is the row in the table: the version check holds without asking,
    // and the update can travel with its audit record. Otherwise (a case no lock covers) it is asked now.
    const kept = this.lockedRows.get(id);
    if (kept && Number(kept.version) === version) {
      if (!this.before.has(id)) this.before.set(id, kept);
      const next = this.updated(kept, fields);
      if (next) this.lockedRows.set(id, next);
      else this.lockedRows.delete(id);
      this.held.push(update);
      return 1;
    }
    return (await this.send(update)).rowCount ?? 0;
  }

  async insertAudit(row: Row): Promise<void> {
    this.held.push(insertOf('audit_events', row));
  }

  async auditRows(applicationId: string): Promise<Row[]> {
    return this.rows('audit_events', 'select * from audit_events where application_id = $1 order by seq', [
      applicationId,
    ]);
  }

  async openTasks(applicationId: string, nodes?: readonly string[]): Promise<Row[]> {
    if (nodes) {
      const sql = "select * from tasks where application_id = $1 and status = 'open' and node = any($2)";
      return this.rows('tasks', sql, [applicationId, [...nodes]]);
    }
    return this.rows('tasks', "select * from tasks where application_id = $1 and status = 'open'", [
      applicationId,
    ]);
  }

  async hasTaskOf(applicationId: string, department: string): Promise<boolean> {
    const rows = await this.rows(
      'tasks',
      'select 1 from tasks where application_id = $1 and department = $2 limit 1',
      [applicationId, department],
    );
    return rows.length > 0;
  }

  async updateTask(id: unknown, fields: Row): Promise<void> {
    this.held.push(updateOf('tasks', fields, ['id'], [id]));
  }

  async insertTask(row: Row): Promise<void> {
    this.held.push(insertOf('tasks', row));
  }

  async replaceTimer(row: Row): Promise<void> {
    // A delete and an insert of one key cannot share a statement (one snapshot): the delete goes first.
    await this.deleteTimer(String(row.application_id), String(row.timer_key));
    this.held.push(insertOf('timers', row));
  }

  async deleteTimer(applicationId: string, key: string): Promise<void> {
    this.held.push({
      table: 'timers',
      text: 'delete from timers where application_id = $1 and timer_key = $2',
      values: [applicationId, key],
    });
  }

  async deleteTimers(applicationId: string): Promise<void> {
    this.held.push({
      table: 'timers',
      text: 'delete from timers where application_id = $1',
      values: [applicationId],
    });
  }

  async insertOutbox(row: Row): Promise<void> {
    this.held.push(insertOf('outbox', row));
  }

  async latestChecklist(): Promise<Row | undefined> {
    return (
      await this.rows(
        'checklist_versions',
        'select * from checklist_versions order by version desc limit 1',
        [],
      )
    )[0];
  }

  async updateIdempotencyKey(where: Row, fields: Row): Promise<number> {
    const columns = Object.keys(where);
    const update = updateOf(
      'idempotency_keys',
      fields,
      columns,
      columns.map((c) => bind(where[c])),
    );
    return (await this.send(update)).rowCount ?? 0;
  }

  async insert(table: string, row: Row): Promise<void> {
    // Sent now: a feature may catch its own write's refusal (a unique key) and must see it here.
    await this.send(insertOf(table, row));
  }

  async query(sql: string, values: unknown[]): Promise<Row[]> {
    // Any table may be read or written here: the held writes go first, on their own; and a case row it
    // writes would no longer be at the version the lock read.
    await this.flush();
    if (/update\s+applications\b/i.test(sql)) this.lockedRows.clear();
    return (await this.run(numbered(sql), values.map(bind))).rows as Row[];
  }
}
