import type { Knex } from 'knex';
import type { ColumnReader } from '../db/index.ts';
import { ImportRefusal } from './errors.ts';

/** A timer the case has pending while its history is replayed. */
interface PendingTimer {
  id: number;
  type: string;
  dueAt: string;
}

/**
 * Keeps a replayed history honest about the engine's timers. Live, a timer fires at its due time as an event of
 * its own, before anything that comes later: so a timer event must find its timer due, and no other event may
 * come after a timer that was due and never fired. Returns the timer a timer event fires (to be deleted).
 */
export async function checkTimers(
  trx: Knex.Transaction,
  dialect: ColumnReader,
  applicationId: string,
  event: { type: string; at: string },
  isTimerEvent: boolean,
): Promise<PendingTimer | null> {
  const rows = await trx('timers')
    .where({ application_id: applicationId })
    .orderBy([{ column: 'due_at' }, { column: 'id' }]);
  const pending: PendingTimer[] = rows.map((r) => ({
    id: Number(r.id),
    type: dialect.readJson<{ type: string }>(r.event).type,
    dueAt: new Date(r.due_at).toISOString(),
  }));
  const at = Date.parse(event.at);
  let fires: PendingTimer | null = null;
  if (isTimerEvent) {
    fires = pending.find((t) => t.type === event.type && Date.parse(t.dueAt) <= at) ?? null;
    if (!fires) {
      const later = pending.find((t) => t.type === event.type);
      throw new ImportRefusal(
        'event-not-allowed',
        later
          ? `${event.type} is not due yet: its timer is due at ${later.dueAt}`
          : `${event.type} is not allowed now: the case has no ${event.type} timer pending`,
        undefined,
        undefined,
        { code: 'import-timer-not-due', params: { event: event.type } },
      );
    }
  }
  // A timer fires at its due time; with several due, the earliest first (as the scheduler orders them).
  const before = fires ? Date.parse(fires.dueAt) : at;
  const missed = pending.find((t) => t !== fires && Date.parse(t.dueAt) < before);
  if (missed) {
    throw new ImportRefusal(
      'invalid-history',
      `the ${missed.type} timer was due at ${missed.dueAt}, before this event, and fires first: ` +
        `the history must include ${missed.type} at or after that time`,
      undefined,
      undefined,
      { code: 'import-timer-missed', params: { event: missed.type, dueAt: missed.dueAt } },
    );
  }
  return fires;
}
