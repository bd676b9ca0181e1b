import type { Row } from '../event-store.ts';

/** What a query answers on node-postgres (the project has no type package for pg; this is all it uses). */
export interface PgResult {
  rows: Row[];
  rowCount: number | null;
  fields: Array<{ name: string; dataTypeID: number }>;
}

/**
 * How node-postgres reads each column type back (its default parsers), for the written values a kept row is
 * updated with: json and jsonb parsed, bigint and numeric as text, the smaller numbers as numbers. Text
 * types come back as written. A column of any other type makes the row be read again.
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

const typesOf = (result: PgResult) => new Map(result.fields.map((f) => [f.name, f.dataTypeID]));

/** `row` after an update with `fields`, as the table would answer it; none when a column would not read back. */
function updated(types: Map<string, number>, row: Row, fields: Row): Row | undefined {
  const next = { ...row };
  for (const [column, value] of Object.entries(fields)) {
    const read = READ_BACK.get(types.get(column) ?? -1);
    if (!read) return undefined;
    next[column] = value === null || value === undefined ? null : read(value);
  }
  return next;
}

/**
 * The rows of the cases a group commit locked, and of their tasks, kept as they are now: the lock keeps other
 * writers out (every writer of a case's row and of its tasks' figures takes it first; a claim changes only
 * `claimed_by` and `claimed_at`, which no event reads), and each write of the batch to them is applied to the kept
 * rows too, so the next event of the case reads them free. A write it cannot follow (a new task, whose id the
 * table draws) drops what it kept of the case: that is read from the table again. An event refused puts back
 * what it had changed.
 */
export class LockedRows {
  private readonly cases = new Map<string, Row>();
  /** Every task of each kept case, open and closed, in id order. */
  private readonly tasks = new Map<string, Row[]>();
  private caseTypes = new Map<string, number>();
  private taskTypes = new Map<string, number>();
  /** What the current event changed, as it was before (undefined: not kept then). */
  private readonly casesBefore = new Map<string, Row | undefined>();
  private readonly tasksBefore = new Map<string, Row[] | undefined>();

  /** Keeps the rows a batch's lock statements read: the cases, and the tasks of those found. */
  keep(cases: PgResult | undefined, tasks: PgResult | undefined): void {
    this.cases.clear();
    this.tasks.clear();
    this.casesBefore.clear();
    this.tasksBefore.clear();
    if (cases) {
      this.caseTypes = typesOf(cases);
      for (const row of cases.rows) this.cases.set(String(row.id), row);
    }
    if (tasks) {
      this.taskTypes = typesOf(tasks);
      for (const id of this.cases.keys()) this.tasks.set(id, []);
      for (const row of tasks.rows) this.tasks.get(String(row.application_id))?.push(row);
    }
  }

  /** Starts an event: nothing changed by it yet. */
  begin(): void {
    this.casesBefore.clear();
    this.tasksBefore.clear();
  }

  /** Puts back what the current event changed (it was refused before its writes were sent). */
  restore(): void {
    for (const [id, row] of this.casesBefore) {
      if (row) this.cases.set(id, row);
      else this.cases.delete(id);
    }
    for (const [id, rows] of this.tasksBefore) {
      if (rows) this.tasks.set(id, rows);
      else this.tasks.delete(id);
    }
    this.begin();
  }

  /** A copy of the kept case row (the engine may complete what it is given). */
  case(id: string): Row | undefined {
    const row = this.cases.get(id);
    return row ? { ...row } : undefined;
  }

  /**
   * Applies an update of the case at `version` to the kept row: false when the case is not kept at that version
   * (the update must then be asked of the table, which checks the version).
   */
  updateCase(id: string, version: number, fields: Row): boolean {
    const kept = this.cases.get(id);
    if (!kept || Number(kept.version) !== version) return false;
    if (!this.casesBefore.has(id)) this.casesBefore.set(id, kept);
    const next = updated(this.caseTypes, kept, fields);
    if (next) this.cases.set(id, next);
    else this.cases.delete(id);
    return true;
  }

  /** Forgets every kept case row (a statement wrote to applications in a way not followed here). */
  forgetCases(): void {
    for (const [id, row] of this.cases) if (!this.casesBefore.has(id)) this.casesBefore.set(id, row);
    this.cases.clear();
  }

  /** Copies of the kept tasks of a case, or none when they are not kept. */
  tasksOf(caseId: string): Row[] | undefined {
    return this.tasks.get(caseId)?.map((row) => ({ ...row }));
  }

  /** Applies an update of a task to its kept row, if it is kept. */
  updateTask(id: unknown, fields: Row): void {
    for (const [caseId, rows] of this.tasks) {
      const i = rows.findIndex((row) => String(row.id) === String(id));
      if (i < 0) continue;
      const next = updated(this.taskTypes, rows[i]!, fields);
      if (!next) return this.forgetTasksOf(caseId);
      if (!this.tasksBefore.has(caseId)) this.tasksBefore.set(caseId, rows);
      this.tasks.set(caseId, rows.with(i, next));
      return;
    }
  }

  /** Forgets the kept tasks of a case (one was added: its id is the table's to draw). */
  forgetTasksOf(caseId: string): void {
    const rows = this.tasks.get(caseId);
    if (!rows) return;
    if (!this.tasksBefore.has(caseId)) this.tasksBefore.set(caseId, rows);
    this.tasks.delete(caseId);
  }

  /** Forgets every kept task (a statement wrote to tasks in a way not followed here). */
  forgetTasks(): void {
    for (const caseId of [...this.tasks.keys()]) this.forgetTasksOf(caseId);
  }
}
