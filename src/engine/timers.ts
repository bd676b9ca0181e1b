import type { Database } from '../db/index.ts';
import type { Engine } from './engine.ts';
import { EventNotAllowedError } from '../errors/index.ts';
import { SYSTEM_ACTOR } from './records.ts';

/** What one sweep of due timers did (a background sweep reports, it does not throw). */
export interface TimerSweepResult {
  fired: number;
  /** Timers whose event no longer fits the case's state: deleted without effect. */
  stale: number;
  /** Timers whose event failed: retried later, or parked as dead (`dead`) after the last attempt. */
  failed: Array<{ timerId: number; error: string; attempts: number; dead: boolean }>;
}

/** How often a failing timer is tried before it is parked as dead (`TIMER_MAX_ATTEMPTS`, 8 unless set). */
export const TIMER_MAX_ATTEMPTS = positiveInteger(process.env.TIMER_MAX_ATTEMPTS, 8);

/** The first retry waits 30 s, each next one twice as long, never more than an hour. */
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 3_600_000;

function positiveInteger(raw: string | undefined, fallback: number): number {
  const value = Number(raw);
  return raw?.trim() && Number.isInteger(value) && value > 0 ? value : fallback;
}

/** How long a timer that failed `attempts` times waits before its next attempt. */
export function timerRetryDelay(attempts: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}

/**
 * Fires every timer that is due as an ordinary event through the engine, in the same transaction that
 * deletes the timer row: a timer fires once, and survives restarts until it has. On PostgreSQL, rows another
 * instance has claimed are skipped (`FOR UPDATE SKIP LOCKED`), so several instances share the work.
 *
 * The event is recorded at the timer's due time (the statutory clock), not whenever the sweep got to it after
 * downtime, but never before the case's last recorded event. A timer whose event fails waits with backoff
 * and, after `TIMER_MAX_ATTEMPTS`, is parked as dead: failing timers never hold the sweep's oldest slots.
 */
export async function fireDueTimers(db: Database, engine: Engine, limit = 100): Promise<TimerSweepResult> {
  const now = engine.clock.now();
  const nowText = now.toISOString();
  const result: TimerSweepResult = { fired: 0, stale: 0, failed: [] };
  const due = await db
    .knex('timers')
    .where('due_at', '<=', nowText)
    .whereNull('dead_at')
    .where((q) => q.whereNull('retry_at').orWhere('retry_at', '<=', nowText))
    .orderBy([{ column: 'due_at' }, { column: 'id' }])
    .limit(limit)
    .select('id', 'application_id');
  for (const { id, application_id: applicationId } of due as Array<{ id: number; application_id: string }>) {
    try {
      const outcome = await db.knex.transaction(async (trx) => {
        // The case row first, then its timer: the order every event takes them in (it writes the case, then
        // deletes the timers it cancels). Claiming the timer first could deadlock with an event cancelling it.
        // A case busy with another event is left for the next sweep.
        const app = await db.dialect
          .lockSkipLocked(trx('applications').where({ id: applicationId }).select('id', 'updated_at'))
          .first();
        if (!app) return 'taken';
        const timer = await db.dialect
          .lockSkipLocked(trx('timers').where({ id }).whereNull('dead_at'))
          .first();
        if (!timer) return 'taken';
        await trx('timers').where({ id }).del();
        try {
          await engine.applyInTransaction(trx, {
            applicationId: timer.application_id,
            event: db.dialect.readJson(timer.event),
            actor: SYSTEM_ACTOR,
            at: recordedAt(String(timer.due_at), app.updated_at),
          });
          return 'fired';
        } catch (error) {
          // The case left the state that set the timer without cancelling it: nothing to do but drop it.
          if (error instanceof EventNotAllowedError) return 'stale';
          throw error;
        }
      });
      if (outcome === 'fired') result.fired++;
      else if (outcome === 'stale') result.stale++;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const failure = await recordFailure(db, Number(id), message, now);
      if (failure) result.failed.push({ timerId: Number(id), error: message, ...failure });
    }
  }
  return result;
}

/** The due time, or the case's last event when that is later (an audit log never goes back in time). */
function recordedAt(dueAt: string, lastEventAt: unknown): Date {
  const last = typeof lastEventAt === 'string' ? Date.parse(lastEventAt) : NaN;
  return new Date(Number.isNaN(last) ? Date.parse(dueAt) : Math.max(Date.parse(dueAt), last));
}

/** Counts a failed attempt in a transaction of its own (the event's was rolled back) and sets the next one. */
async function recordFailure(
  db: Database,
  id: number,
  error: string,
  now: Date,
): Promise<{ attempts: number; dead: boolean } | null> {
  return db.knex.transaction(async (trx) => {
    const row = await trx('timers').where({ id }).first('attempts');
    // Fired or cancelled meanwhile (another instance, an event): nothing to count.
    if (!row) return null;
    const attempts = Number(row.attempts) + 1;
    const dead = attempts >= TIMER_MAX_ATTEMPTS;
    await trx('timers')
      .where({ id })
      .update({
        attempts,
        last_error: error.slice(0, 2000),
        retry_at: new Date(now.getTime() + timerRetryDelay(attempts)).toISOString(),
        dead_at: dead ? now.toISOString() : null,
      });
    return { attempts, dead };
  });
}

/** A timer parked or retrying, as administrators see it. */
export interface TimerView {
  id: number;
  applicationId: string;
  key: string;
  event: string;
  dueAt: string;
  attempts: number;
  lastError: string | null;
  retryAt: string | null;
  deadAt: string | null;
}

/** Dead timers (or the ones still being retried), oldest due first, for the administrators' view. */
export async function troubledTimers(
  db: Database,
  status: 'dead' | 'retrying',
  limit: number,
): Promise<TimerView[]> {
  const query = db
    .knex('timers')
    .orderBy([{ column: 'due_at' }, { column: 'id' }])
    .limit(limit);
  if (status === 'dead') query.whereNotNull('dead_at');
  else query.whereNull('dead_at').where('attempts', '>', 0);
  return (await query).map((row: Record<string, unknown>) => toTimerView(db, row));
}

function toTimerView(db: Database, row: Record<string, unknown>): TimerView {
  return {
    id: Number(row.id),
    applicationId: String(row.application_id),
    key: String(row.timer_key),
    event: db.dialect.readJson<{ type: string }>(row.event).type,
    dueAt: String(row.due_at),
    attempts: Number(row.attempts),
    lastError: (row.last_error as string | null) ?? null,
    retryAt: (row.retry_at as string | null) ?? null,
    deadAt: (row.dead_at as string | null) ?? null,
  };
}

/** How many timers are parked as dead (a `/metrics` gauge). */
export async function deadTimerCount(db: Database): Promise<number> {
  const row = await db.knex('timers').whereNotNull('dead_at').count({ n: '*' }).first();
  return db.dialect.readNumber(row?.n);
}

/**
 * Gives a dead or retrying timer a fresh start (after the cause was fixed): its attempts go back to zero and
 * it is due at the next sweep, still recorded at its due time. Null when there is no such timer.
 */
export async function retryTimer(db: Database, id: number): Promise<TimerView | null> {
  return db.knex.transaction(async (trx) => {
    const updated = await trx('timers').where({ id }).update({ attempts: 0, retry_at: null, dead_at: null });
    if (!updated) return null;
    return toTimerView(db, await trx('timers').where({ id }).first());
  });
}
