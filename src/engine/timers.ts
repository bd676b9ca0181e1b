import type { Database } from '../db/open.ts';
import type { Engine } from './engine.ts';
import { EventNotAllowedError } from './errors.ts';
import { SYSTEM_ACTOR } from './records.ts';

/** What one sweep of due timers did (a background sweep reports, it does not throw). */
export interface TimerSweepResult {
  fired: number;
  /** Timers whose event no longer fits the case's state: deleted without effect. */
  stale: number;
  failed: Array<{ timerId: number; error: string }>;
}

/**
 * Fires every timer that is due as an ordinary event through the engine, in the same transaction that
 * deletes the timer row: a timer fires once, and survives restarts until it has. On PostgreSQL, rows another
 * instance has claimed are skipped (`FOR UPDATE SKIP LOCKED`), so several instances share the work.
 */
export async function fireDueTimers(db: Database, engine: Engine, limit = 100): Promise<TimerSweepResult> {
  const now = engine.clock.now();
  const result: TimerSweepResult = { fired: 0, stale: 0, failed: [] };
  const due = await db
    .knex('timers')
    .where('due_at', '<=', now.toISOString())
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
          .lockSkipLocked(trx('applications').where({ id: applicationId }).select('id'))
          .first();
        if (!app) return 'taken';
        const timer = await db.dialect.lockSkipLocked(trx('timers').where({ id })).first();
        if (!timer) return 'taken';
        await trx('timers').where({ id }).del();
        try {
          await engine.applyInTransaction(trx, {
            applicationId: timer.application_id,
            event: db.dialect.readJson(timer.event),
            actor: SYSTEM_ACTOR,
            at: now,
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
      result.failed.push({
        timerId: Number(id),
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return result;
}
