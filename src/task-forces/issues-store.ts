/**
 * Every read and write of `project_issues` and `dispatches`: the issue list (问题清单) of each project and the
 * dated weekly dispatches. An issue still open or in progress at its second dispatch after it was raised is
 * escalated by that dispatch: counted from dispatch records, never guessed from the calendar.
 */
import type { Knex } from 'knex';
import type { Database } from '../db/index.ts';

/** An issue's status: open → in progress → resolved. Escalation is a mark on an unresolved issue. */
export const ISSUE_STATUSES = ['open', 'in-progress', 'resolved'] as const;

/** One status of {@link ISSUE_STATUSES}. */
export type IssueStatus = (typeof ISSUE_STATUSES)[number];

/** One issue of a project's list. */
export interface Issue {
  id: string;
  projectCode: string;
  title: string;
  owner: string;
  deadline: string;
  measures: string | null;
  status: IssueStatus;
  raisedBy: string;
  raisedAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  escalatedAt: string | null;
  /** The dispatch that escalated it. */
  escalatedByDispatch: string | null;
}

/** The changes a task force makes to an issue. */
export interface IssueChange {
  status?: IssueStatus;
  owner?: string;
  deadline?: string;
  measures?: string;
}

/** One weekly dispatch as recorded. */
export interface Dispatch {
  id: string;
  heldOn: string;
  heldAt: string;
  heldBy: string;
}

type Row = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

function toIssue(r: Row): Issue {
  return {
    id: String(r.id),
    projectCode: String(r.project_code),
    title: String(r.title),
    owner: String(r.owner),
    deadline: String(r.deadline),
    measures: str(r.measures),
    status: r.status as IssueStatus,
    raisedBy: String(r.raised_by),
    raisedAt: String(r.raised_at),
    updatedAt: String(r.updated_at),
    resolvedAt: str(r.resolved_at),
    escalatedAt: str(r.escalated_at),
    escalatedByDispatch: str(r.escalated_by_dispatch),
  };
}

/** Raises an issue on a project; answers it. */
export async function raiseIssue(
  db: Database,
  code: string,
  input: { title: string; owner: string; deadline: string; measures: string | null; by: string; at: string },
): Promise<Issue> {
  const [inserted] = await db
    .knex('project_issues')
    .insert({
      project_code: code,
      title: input.title,
      owner: input.owner,
      deadline: input.deadline,
      measures: input.measures,
      status: 'open',
      raised_by: input.by,
      raised_at: input.at,
      updated_at: input.at,
    })
    .returning('id');
  const id = typeof inserted === 'object' ? (inserted as Row).id : inserted;
  return (await findIssue(db, code, String(id)))!;
}

/** An issue of a project; null when the project has none with this id. */
export async function findIssue(db: Database, code: string, id: string): Promise<Issue | null> {
  if (!/^[1-9][0-9]{0,15}$/.test(id)) return null;
  const row = await db
    .knex('project_issues')
    .where({ project_code: code, id: Number(id) })
    .first();
  return row ? toIssue(row) : null;
}

/** Applies a change to an issue; a resolved issue records when. */
export async function changeIssue(
  db: Database,
  issue: Issue,
  change: IssueChange,
  at: string,
): Promise<Issue> {
  const resolvedAt =
    change.status === undefined ? issue.resolvedAt : change.status === 'resolved' ? at : null;
  await db
    .knex('project_issues')
    .where({ id: Number(issue.id) })
    .update({
      ...(change.status === undefined ? {} : { status: change.status }),
      ...(change.owner === undefined ? {} : { owner: change.owner }),
      ...(change.deadline === undefined ? {} : { deadline: change.deadline }),
      ...(change.measures === undefined ? {} : { measures: change.measures }),
      resolved_at: resolvedAt,
      updated_at: at,
    });
  return (await findIssue(db, issue.projectCode, issue.id))!;
}

/** A project's issues, oldest first. */
export async function issuesOf(db: Database, code: string): Promise<Issue[]> {
  const rows: Row[] = await db.knex('project_issues').where({ project_code: code }).orderBy('id');
  return rows.map(toIssue);
}

/** Every unresolved issue past its deadline on `today`, by deadline. */
export async function overdueIssues(db: Database, today: string): Promise<Issue[]> {
  const rows: Row[] = await db
    .knex('project_issues')
    .whereNot('status', 'resolved')
    .where('deadline', '<', today)
    .orderBy('deadline')
    .orderBy('id');
  return rows.map(toIssue);
}

/** How many issues were raised by `at` and not resolved by then. */
export async function openIssueCount(db: Database, at: string): Promise<number> {
  const [row] = await db
    .knex('project_issues')
    .where('raised_at', '<=', at)
    .where((q) => q.whereNull('resolved_at').orWhere('resolved_at', '>', at))
    .count({ n: '*' });
  return db.dialect.readNumber(row?.n);
}

/** Every issue escalated and not resolved. */
export async function escalatedIssues(db: Database): Promise<Issue[]> {
  const rows: Row[] = await db
    .knex('project_issues')
    .whereNot('status', 'resolved')
    .whereNotNull('escalated_at')
    .orderBy('id');
  return rows.map(toIssue);
}

/** A dispatch is held once a day. */
export class DispatchAlreadyHeldError extends Error {
  constructor(readonly day: string) {
    super(`the dispatch of ${day} is already recorded`);
    this.name = 'DispatchAlreadyHeldError';
  }
}

/**
 * Records the dispatch of `day` and, in the same transaction, escalates every unresolved issue that this is
 * at least the `after`-th dispatch for since it was raised. Answers the dispatch and the issues it escalated.
 */
export async function holdDispatch(
  db: Database,
  input: { day: string; by: string; at: string; after: number },
  /** Work that commits with the dispatch (telling the task forces), run in its transaction. */
  then?: (trx: Knex.Transaction, held: { dispatch: Dispatch; escalated: Issue[] }) => Promise<void>,
): Promise<{ dispatch: Dispatch; escalated: Issue[] }> {
  return db.knex.transaction(async (trx) => {
    // One a day, even when two administrators record it at once: the second insert finds the day taken.
    const [inserted] = await trx('dispatches')
      .insert({ held_on: input.day, held_at: input.at, held_by: input.by })
      .onConflict('held_on')
      .ignore()
      .returning('id');
    if (inserted === undefined) throw new DispatchAlreadyHeldError(input.day);
    const id = Number(typeof inserted === 'object' ? (inserted as Row).id : inserted);
    const candidates: Row[] = await trx('project_issues')
      .whereNot('status', 'resolved')
      .whereNull('escalated_at')
      .where('raised_at', '<', input.at)
      .select('*');
    const escalated: Issue[] = [];
    for (const row of candidates) {
      const [count] = await trx('dispatches').where('held_at', '>', String(row.raised_at)).count({ n: '*' });
      if (db.dialect.readNumber(count?.n) < input.after) continue;
      await trx('project_issues')
        .where({ id: row.id })
        .update({ escalated_at: input.at, escalated_by_dispatch: id });
      escalated.push(toIssue({ ...row, escalated_at: input.at, escalated_by_dispatch: id }));
    }
    const held = {
      dispatch: { id: String(id), heldOn: input.day, heldAt: input.at, heldBy: input.by },
      escalated,
    };
    await then?.(trx, held);
    return held;
  });
}

/** Issue figures of a period: raised in it, resolved in it, and the closure rate of those raised. */
export async function issueFigures(
  db: Database,
  from: string,
  to: string,
): Promise<{ raised: number; resolved: number; resolvedOfRaised: number; closureRate: number | null }> {
  const inPeriod = (column: string) =>
    db.knex('project_issues').where(column, '>=', from).where(column, '<', to);
  const [raised] = await inPeriod('raised_at').count({ n: '*' });
  const [resolved] = await inPeriod('resolved_at').count({ n: '*' });
  const [both] = await inPeriod('raised_at').where('status', 'resolved').count({ n: '*' });
  const r = db.dialect.readNumber(raised?.n);
  const b = db.dialect.readNumber(both?.n);
  return {
    raised: r,
    resolved: db.dialect.readNumber(resolved?.n),
    resolvedOfRaised: b,
    closureRate: r ? Math.round((b / r) * 1000) / 1000 : null,
  };
}
