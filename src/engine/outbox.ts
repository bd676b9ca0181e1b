import type { Database } from '../db/index.ts';
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
 * How long a claimed message is left to its deliverer (`OUTBOX_LEASE_MS`, five minutes unless set): a
 * process that dies while delivering leaves the message to be claimed again after that.
 */
export const OUTBOX_LEASE_MS =
  Number(process.env.OUTBOX_LEASE_MS) > 0 ? Number(process.env.OUTBOX_LEASE_MS) : 300_000;

/**
 * Sends pending outbox rows, oldest first, in three steps so that no transaction stays open while a receiver
 * answers (on SQLite a transaction holds the only writer, and every event would wait for a slow receiver):
 * claim the due rows in one short transaction (their `available_at` moves to the end of a lease, so another
 * round or instance leaves them alone), deliver outside any transaction, then record each outcome in a short
 * transaction of its own. A failure is retried later with exponential backoff, so a message is delivered at
 * least once; receivers deduplicate by message id.
 */
export async function dispatchOutbox(
  db: Database,
  clock: Clock,
  deliver: Deliver,
  limit = 100,
): Promise<DispatchResult> {
  const result: DispatchResult = { sent: 0, retried: 0 };
  const claimedAt = clock.now();
  const leaseEnd = new Date(claimedAt.getTime() + OUTBOX_LEASE_MS).toISOString();
  const claimed = await db.knex.transaction(async (trx) => {
    const rows = await db.dialect.lockSkipLocked(
      trx('outbox')
        .whereNull('sent_at')
        .where('available_at', '<=', claimedAt.toISOString())
        .orderBy('id')
        .limit(limit),
    );
    if (rows.length) {
      await trx('outbox')
        .whereIn(
          'id',
          rows.map((r: { id: number }) => r.id),
        )
        .update({ available_at: leaseEnd });
    }
    return rows as Array<Record<string, unknown>>;
  });

  for (const row of claimed) {
    const message: OutboxMessage = {
      id: Number(row.id),
      applicationId: (row.application_id as string | null) ?? null,
      type: String(row.type),
      payload: db.dialect.readJson(row.payload),
      attempts: Number(row.attempts),
    };
    let failure: unknown = null;
    try {
      await deliver(message);
    } catch (error) {
      failure = error ?? new Error('delivery failed');
    }
    const now = clock.now();
    // Only while the lease is ours: a lease that ran out may have been claimed again meanwhile.
    const mine = db.knex('outbox').where({ id: message.id, available_at: leaseEnd }).whereNull('sent_at');
    if (failure === null) {
      await mine.update({ sent_at: now.toISOString(), attempts: message.attempts + 1 });
      result.sent++;
    } else {
      const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** message.attempts);
      await mine.update({
        attempts: message.attempts + 1,
        available_at: new Date(now.getTime() + backoff).toISOString(),
        last_error: failure instanceof Error ? failure.message : String(failure),
      });
      result.retried++;
    }
  }
  return result;
}
