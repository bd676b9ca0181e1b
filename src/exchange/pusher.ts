/**
 * Pushing the exchange records to the provincial platform through the outbox (docs/exchange.md, "The
 * pusher"): each round cuts the records written since the cursor into one batch, moves the cursor and queues
 * the batch in one transaction, so a crash never loses or doubles a batch; the outbox then delivers it with
 * its retries and backoff, however long the platform is down, one batch after the other in order. Records the
 * platform refuses are parked with its reason for an administrator; the rest of the batch counts as received.
 */
import type { Database } from '../db/index.ts';
import type { OutboxMessage } from '../engine/outbox.ts';
import { exportLine } from './export-format.ts';
import {
  advancePushCursor,
  earlierBatchPending,
  pushCursor,
  recordsAfter,
  rejectRecords,
  SPGL_BATCH_MESSAGE,
} from './store.ts';

/** The pusher's one cursor name in `exchange_push`. */
const CURSOR = 'spgl';

/** How a round cuts its batch. */
export interface PushSettings {
  /** Records per batch (500 unless configured). */
  batchSize: number;
  /** Records younger than this are left to the next round (`EXCHANGE_SETTLE_MS`). */
  settleMs: number;
}

/** What a round queued: how many records, and the cursor positions of the batch. */
export interface PushRound {
  queued: number;
  after?: number;
  upTo?: number;
}

/** Queues the next batch, if any records have settled since the cursor. */
export async function queueExchangeBatch(
  db: Database,
  now: Date,
  settings: PushSettings,
): Promise<PushRound> {
  return db.knex.transaction(async (trx) => {
    const after = await pushCursor(trx, CURSOR);
    const settledBefore = new Date(now.getTime() - settings.settleMs).toISOString();
    const records = await recordsAfter(trx, { after, settledBefore, limit: settings.batchSize });
    if (records.length === 0) return { queued: 0 };
    const upTo = records[records.length - 1]!.id;
    if (!(await advancePushCursor(trx, CURSOR, after, upTo, now.toISOString()))) return { queued: 0 };
    const at = now.toISOString();
    await trx('outbox').insert({
      application_id: null,
      type: SPGL_BATCH_MESSAGE,
      payload: JSON.stringify({ after, upTo }),
      created_at: at,
      available_at: at,
      attempts: 0,
    });
    return { queued: records.length, after, upTo };
  });
}

/** The platform's answer to a batch: the records it refused, by cursor, with its reason. */
interface PlatformAnswer {
  rejected?: Array<{ cursor?: unknown; reason?: unknown }>;
}

/**
 * Delivers `spgl-batch` messages (answers false for any other type): the batch as NDJSON, one record per line
 * as the export writes it. A non-2xx answer throws, and the outbox tries the whole batch again later.
 */
export function spglDeliverer(
  db: Database,
  pushUrl: string | undefined,
  options: { now?: () => Date; send?: typeof fetch; timeoutMs?: number } = {},
): (message: OutboxMessage) => Promise<boolean> {
  const { now = () => new Date(), send = fetch, timeoutMs = 30_000 } = options;
  return async (message) => {
    if (message.type !== SPGL_BATCH_MESSAGE) return false;
    if (!pushUrl) throw new Error('SPGL_PUSH_URL is not set: the exchange batch waits until it is');
    // Batches go in order, one after the other: a platform refuses the steps of an item it has not received.
    if (await earlierBatchPending(db, message.id)) {
      throw new Error('an earlier exchange batch is still on its way; this one follows it');
    }
    const { after, upTo } = message.payload as { after: number; upTo: number };
    const records = await recordsAfter(db, {
      after,
      upTo,
      settledBefore: '9999-12-31T23:59:59.999Z',
      limit: upTo - after,
    });
    const response = await send(pushUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson', 'x-zerotrip-message-id': String(message.id) },
      body: records.map((r) => JSON.stringify(exportLine(r)) + '\n').join(''),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) throw new Error(`the provincial platform answered ${response.status}`);
    const answer = (await response.json().catch(() => ({}))) as PlatformAnswer;
    const inBatch = new Set(records.map((r) => r.id));
    const rejections = (answer.rejected ?? [])
      .map((r) => ({ id: Number(r.cursor), reason: typeof r.reason === 'string' ? r.reason : '' }))
      .filter((r) => inBatch.has(r.id));
    await rejectRecords(db, rejections, now().toISOString());
    return true;
  };
}
