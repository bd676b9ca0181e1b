import type { Database } from '../db/index.ts';

/** An outbox message whose delivery failed, as administrators see it. */
export interface OutboxMessageView {
  id: number;
  applicationId: string | null;
  type: string;
  createdAt: string;
  attempts: number;
  lastError: string | null;
  /** When the next attempt may run; meaningless once dead. */
  availableAt: string;
  deadAt: string | null;
}

/**
 * Messages in trouble, oldest first: `dead` ones were parked after their last attempt, `retrying` ones failed
 * at least once and wait for their next attempt.
 */
export async function troubledOutbox(
  db: Database,
  status: 'dead' | 'retrying',
  limit: number,
): Promise<OutboxMessageView[]> {
  const query = db.knex('outbox').whereNull('sent_at').orderBy('id').limit(limit);
  if (status === 'dead') query.whereNotNull('dead_at');
  else query.whereNull('dead_at').where('attempts', '>', 0);
  return (await query).map(toView);
}

/** How many outbox messages are parked as dead (a `/metrics` gauge). */
export async function deadOutboxCount(db: Database): Promise<number> {
  const row = await db.knex('outbox').whereNull('sent_at').whereNotNull('dead_at').count({ n: '*' }).first();
  return db.dialect.readNumber(row?.n);
}

/**
 * Gives an undelivered message a fresh start once the receiver is fixed: no longer dead, attempts from zero,
 * due at the next round. Null when there is no such undelivered message.
 */
export async function retryOutboxMessage(
  db: Database,
  id: number,
  now: Date,
): Promise<OutboxMessageView | null> {
  return db.knex.transaction(async (trx) => {
    const updated = await trx('outbox')
      .where({ id })
      .whereNull('sent_at')
      .update({ attempts: 0, dead_at: null, available_at: now.toISOString() });
    if (!updated) return null;
    return toView(await trx('outbox').where({ id }).first());
  });
}

function toView(row: Record<string, unknown>): OutboxMessageView {
  return {
    id: Number(row.id),
    applicationId: (row.application_id as string | null) ?? null,
    type: String(row.type),
    createdAt: String(row.created_at),
    attempts: Number(row.attempts),
    lastError: (row.last_error as string | null) ?? null,
    availableAt: String(row.available_at),
    deadAt: (row.dead_at as string | null) ?? null,
  };
}
