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

/** What one dispatch round did: delivered, to be tried again, parked as dead after the last attempt. */
export interface DispatchResult {
  sent: number;
  retried: number;
  dead: number;
}

/** How a round retries: attempts before a message is parked, and the random source of the jitter. */
export interface DispatchOptions {
  /** A message that failed this many times is parked as dead (`OUTBOX_MAX_ATTEMPTS`, 16 unless set). */
  maxAttempts?: number;
  /** A number in [0, 1); `Math.random` unless a test fixes it. */
  random?: () => number;
  /** Deliveries under way at once (8 unless told). */
  concurrency?: number;
}

const MAX_BACKOFF_MS = 15 * 60_000;

/**
 * Attempts before a message is parked as dead unless configured (`OUTBOX_MAX_ATTEMPTS`): with the backoff
 * below, a receiver may be down for 45 to 90 minutes (the jitter decides) before anything is parked.
 */
export const OUTBOX_MAX_ATTEMPTS = 16;

/**
 * The wait before attempt `attempts + 1`: 1 s doubling with each failure, at most 15 minutes, of which a random
 * half is taken off ("equal jitter"), so that messages failed together by one outage do not return together.
 */
export function outboxBackoffMs(attempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(attempts, 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/**
 * How long a claimed message is left to its deliverer (`OUTBOX_LEASE_MS`, five minutes unless set): a
 * process that dies while delivering leaves the message to be claimed again after that.
 */
export const OUTBOX_LEASE_MS =
  Number(process.env.OUTBOX_LEASE_MS) > 0 ? Number(process.env.OUTBOX_LEASE_MS) : 300_000;

/**
 * Sends pending outbox rows, oldest first (a few at a time), in three steps so that no transaction stays open while a receiver
 * answers (on SQLite a transaction holds the only writer, and every event would wait for a slow receiver):
 * claim the due rows in one short transaction (their `available_at` moves to the end of a lease, so another
 * round or instance leaves them alone), deliver outside any transaction, then record each outcome in a short
 * transaction of its own. A failure is retried later with exponential backoff and jitter, so a message is
 * delivered at least once (receivers deduplicate by message id); after `maxAttempts` failures it is parked
 * (`dead_at`) for an administrator, who sees it at `GET /api/v1/admin/outbox` and on `/metrics`.
 */
export async function dispatchOutbox(
  db: Database,
  clock: Clock,
  deliver: Deliver,
  limit = 100,
  options: DispatchOptions = {},
): Promise<DispatchResult> {
  const maxAttempts = options.maxAttempts ?? OUTBOX_MAX_ATTEMPTS;
  const random = options.random ?? Math.random;
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const result: DispatchResult = { sent: 0, retried: 0, dead: 0 };
  const claimedAt = clock.now();
  const leaseEnd = new Date(claimedAt.getTime() + OUTBOX_LEASE_MS).toISOString();
  const claimed = await db.knex.transaction(async (trx) => {
    const rows = await db.dialect.lockSkipLocked(
      trx('outbox')
        .whereNull('sent_at')
        .whereNull('dead_at')
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

  const deliverOne = async (row: Record<string, unknown>): Promise<void> => {
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
      const attempts = message.attempts + 1;
      const lastError = (failure instanceof Error ? failure.message : String(failure)).slice(0, 2000);
      if (attempts >= maxAttempts) {
        await mine.update({ attempts, dead_at: now.toISOString(), last_error: lastError });
        result.dead++;
      } else {
        const backoff = outboxBackoffMs(message.attempts, random);
        await mine.update({
          attempts,
          available_at: new Date(now.getTime() + backoff).toISOString(),
          last_error: lastError,
        });
        result.retried++;
      }
    }
  };
  // A few at a time: one receiver that hangs until its timeout then holds up a round for a fraction of the
  // batch, not for all of it (the timers of the next round wait for this one).
  let next = 0;
  const worker = async () => {
    while (next < claimed.length) await deliverOne(claimed[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, claimed.length) }, worker));
  return result;
}
