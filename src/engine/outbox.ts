import type { Database } from '../db/open.ts';
import type { Clock } from './clock.ts';

/** A message that leaves the system after its event committed. Its `id` makes delivery idempotent downstream. */
export interface OutboxMessage {
  id: number;
  applicationId: string | null;
  type: string;
  payload: unknown;
  attempts: number;
}

/** Hands a message to the outside world (notification service, another system); throws to have it retried. */
export type Deliver = (message: OutboxMessage) => Promise<void>;

/** What one dispatch round did. */
export interface DispatchResult {
  sent: number;
  retried: number;
}

const MAX_BACKOFF_MS = 15 * 60_000;

/**
 * Sends pending outbox rows, oldest first. A failure is retried later with exponential backoff, so a message
 * is delivered at least once; receivers deduplicate by message id.
 */
export async function dispatchOutbox(
  db: Database,
  clock: Clock,
  deliver: Deliver,
  limit = 100,
): Promise<DispatchResult> {
  const result: DispatchResult = { sent: 0, retried: 0 };
  const now = clock.now();
  const pending = await db
    .knex('outbox')
    .whereNull('sent_at')
    .where('available_at', '<=', now.toISOString())
    .orderBy('id')
    .limit(limit)
    .select('id');
  for (const { id } of pending as Array<{ id: number }>) {
    await db.knex.transaction(async (trx) => {
      const row = await db.dialect.lockSkipLocked(trx('outbox').where({ id }).whereNull('sent_at')).first();
      if (!row) return;
      const message: OutboxMessage = {
        id: Number(row.id),
        applicationId: row.application_id,
        type: row.type,
        payload: db.dialect.readJson(row.payload),
        attempts: Number(row.attempts),
      };
      try {
        await deliver(message);
        await trx('outbox')
          .where({ id })
          .update({ sent_at: now.toISOString(), attempts: message.attempts + 1 });
        result.sent++;
      } catch (error) {
        const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** message.attempts);
        await trx('outbox')
          .where({ id })
          .update({
            attempts: message.attempts + 1,
            available_at: new Date(now.getTime() + backoff).toISOString(),
            last_error: error instanceof Error ? error.message : String(error),
          });
        result.retried++;
      }
    });
  }
  return result;
}
