import type BetterSqlite3 from 'better-sqlite3';
import type { EventStore, FamilyChildren, FamilyParent, Row } from '../event-store.ts';
import { insertFamilyInTurn } from '../insert-family.ts';
import { sqliteDialect } from './sqlite-dialect.ts';

/** better-sqlite3 binds numbers, strings, bigints, buffers and null; booleans become 0/1 as Knex stores them. */
const bind = (value: unknown) =>
  value === true ? 1 : value === false ? 0 : value === undefined ? null : value;

/**
 * The engine's store as prepared statements on the SQLite connection, each prepared once and reused: on the
 * hot path Knex would build and prepare every query anew for each event. Only used while the caller holds
 * the connection inside a transaction (the group commit).
 */
export class SqliteEventStore implements EventStore {
  readonly dialect = sqliteDialect;
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  readonly uncommitted = new Map<string, { version: number; value: unknown }>();

  constructor(readonly conn: BetterSqlite3.Database) {}

  private statement(sql: string): BetterSqlite3.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.conn.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private run(sql: string, values: unknown[]): number {
    return this.statement(sql).run(...values.map(bind)).changes;
  }

  async insert(table: string, row: Row): Promise<void> {
    this.insertRow(table, row);
  }

  async query(sql: string, values: unknown[]): Promise<Row[]> {
    const statement = this.statement(sql);
    const bound = values.map(bind);
    if (statement.reader) return statement.all(...bound) as Row[];
    statement.run(...bound);
    return [];
  }

  insertFamily(parent: FamilyParent, children: FamilyChildren): Promise<void> {
    return insertFamilyInTurn(this, parent, children);
  }

  private insertRow(table: string, row: Row): void {
    const columns = Object.keys(row);
    this.run(
      `insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
      columns.map((c) => row[c]),
    );
  }

  private update(table: string, fields: Row, where: string, whereValues: unknown[]): number {
    const columns = Object.keys(fields);
    return this.run(`update ${table} set ${columns.map((c) => `${c} = ?`).join(', ')} where ${where}`, [
      ...columns.map((c) => fields[c]),
      ...whereValues,
    ]);
  }

  async application(id: string): Promise<Row | undefined> {
    return this.statement('select * from applications where id = ?').get(id) as Row | undefined;
  }

  async insertApplication(row: Row): Promise<void> {
    this.insertRow('applications', row);
  }

  async updateApplication(id: string, version: number, fields: Row): Promise<number> {
    return this.update('applications', fields, 'id = ? and version = ?', [id, version]);
  }

  async insertAudit(row: Row): Promise<void> {
    this.insertRow('audit_events', row);
  }

  async auditRows(applicationId: string): Promise<Row[]> {
    return this.statement('select * from audit_events where application_id = ? order by seq').all(
      applicationId,
    ) as Row[];
  }

  async openTasks(applicationId: string, nodes?: readonly string[]): Promise<Row[]> {
    const sql = "select * from tasks where application_id = ? and status = 'open'";
    if (!nodes) return this.statement(sql).all(applicationId) as Row[];
    // One statement per number of nodes: parallel review closes one or a few at a time.
    const statement = this.statement(`${sql} and node in (${nodes.map(() => '?').join(', ')})`);
    return statement.all(applicationId, ...nodes) as Row[];
  }

  async hasTaskOf(applicationId: string, department: string): Promise<boolean> {
    return (
      this.statement('select 1 from tasks where application_id = ? and department = ? limit 1').get(
        applicationId,
        department,
      ) !== undefined
    );
  }

  async updateTask(id: unknown, fields: Row): Promise<void> {
    this.update('tasks', fields, 'id = ?', [id]);
  }

  async insertTask(row: Row): Promise<void> {
    this.insertRow('tasks', row);
  }

  async replaceTimer(row: Row): Promise<void> {
    this.run('delete from timers where application_id = ? and timer_key = ?', [
      row.application_id,
      row.timer_key,
    ]);
    this.insertRow('timers', row);
  }

  async deleteTimer(applicationId: string, key: string): Promise<void> {
    this.run('delete from timers where application_id = ? and timer_key = ?', [applicationId, key]);
  }

  async deleteTimers(applicationId: string): Promise<void> {
    this.run('delete from timers where application_id = ?', [applicationId]);
  }

  async insertOutbox(row: Row): Promise<void> {
    this.insertRow('outbox', row);
  }

  async updateIdempotencyKey(where: Row, fields: Row): Promise<number> {
    const columns = Object.keys(where);
    return this.update(
      'idempotency_keys',
      fields,
      columns.map((c) => `${c} = ?`).join(' and '),
      columns.map((c) => where[c]),
    );
  }

  async latestChecklist(): Promise<Row | undefined> {
    return this.statement('select * from checklist_versions order by version desc limit 1').get() as
      Row | undefined;
  }
}
