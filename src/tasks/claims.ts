/**
 * Who works on a task: a clerk claims an open task of their department, releases it, or a department lead
 * assigns it to one of the department's clerks. Each write is one conditional update, so two clerks claiming
 * the same task at once cannot both win; the verdict says why a write changed nothing. Who may ask is the
 * route's business (`tasks/claim-routes.ts`).
 */
import type { Database } from '../db/index.ts';
import { toTask, type TaskRecord } from '../engine/records.ts';

/** The outcome of a claim, release or assignment. */
export type ClaimVerdict =
  | { ok: true; task: TaskRecord }
  | { ok: false; reason: 'closed' | 'claimed' | 'not-claimed' | 'claimed-by-another'; task: TaskRecord };

/** One task, or null. */
export async function taskById(db: Database, id: number): Promise<TaskRecord | null> {
  const row = await db.knex('tasks').where({ id }).first();
  return row ? toTask(row, db.dialect) : null;
}

/** The task after a write, and why the write changed nothing when it did not. */
async function verdictAfter(db: Database, id: number, changed: number, holder?: string | null) {
  const task = (await taskById(db, id))!;
  if (changed) return { ok: true as const, task };
  let reason: Exclude<ClaimVerdict, { ok: true }>['reason'];
  if (task.status === 'closed') reason = 'closed';
  else if (holder === undefined) reason = 'claimed';
  else reason = task.claimedBy === null ? 'not-claimed' : 'claimed-by-another';
  return { ok: false as const, reason, task };
}

/** `sub` claims an open task nobody holds (claiming one's own claim again changes nothing and succeeds). */
export async function claimTask(db: Database, id: number, sub: string, at: string): Promise<ClaimVerdict> {
  const changed = await db
    .knex('tasks')
    .where({ id, status: 'open' })
    .where((q) => q.whereNull('claimed_by').orWhere('claimed_by', sub))
    // A claim made again keeps the time it was first made.
    .update({ claimed_by: sub, claimed_at: db.knex.raw('coalesce(claimed_at, ?)', [at]) });
  return verdictAfter(db, id, changed);
}

/** Gives a claim up. `holder` is the claimant the caller must be; null lets a lead release anyone's claim. */
export async function releaseTask(db: Database, id: number, holder: string | null): Promise<ClaimVerdict> {
  const query = db.knex('tasks').where({ id, status: 'open' }).whereNotNull('claimed_by');
  if (holder !== null) query.where('claimed_by', holder);
  const changed = await query.update({ claimed_by: null, claimed_at: null });
  return verdictAfter(db, id, changed, holder);
}

/** A lead gives an open task to a clerk, whoever held it before. */
export async function assignTask(db: Database, id: number, clerk: string, at: string): Promise<ClaimVerdict> {
  const changed = await db
    .knex('tasks')
    .where({ id, status: 'open' })
    .update({ claimed_by: clerk, claimed_at: at });
  return verdictAfter(db, id, changed);
}
