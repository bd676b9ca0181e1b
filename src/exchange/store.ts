/**
 * Every read and write of the exchange tables (`exchange_records`, `exchange_push`): the records written with
 * their events, the export's pages, the records the platform refused, and the pusher's cursor.
 */
import type { Knex } from 'knex';
import type { Database, EventStore } from '../db/index.ts';
import type { SpglRecord, SpglTable } from './spgl-records.ts';

/** A stored record as the export and the pusher hand it on. */
export interface StoredRecord {
  /** The record's position: the export's cursor. */
  id: number;
  table: SpglTable;
  applicationId: string;
  fields: Record<string, unknown>;
  rejected: { at: string; reason: string } | null;
}

/**
 * Writes an event's records in its transaction, in one statement (an ACCEPT writes seven); a key written
 * before is left as it is.
 */
export async function insertRecords(
  store: EventStore,
  applicationId: string,
  records: readonly SpglRecord[],
  at: string,
): Promise<void> {
  if (!records.length) return;
  // Rows are inserted in the order given, so ids follow the order the records were written in.
  await store.query(
    'insert into exchange_records (record_key, table_name, application_id, record, created_at) values ' +
      records.map(() => '(?, ?, ?, ?, ?)').join(', ') +
      ' on conflict (record_key) do nothing',
    records.flatMap((r) => [r.key, r.table, applicationId, JSON.stringify(r.fields), at]),
  );
}

function toStored(row: Record<string, unknown>): StoredRecord {
  return {
    id: Number(row.id),
    table: String(row.table_name) as SpglTable,
    applicationId: String(row.application_id),
    fields: JSON.parse(String(row.record)) as Record<string, unknown>,
    rejected:
      row.rejected_at === null || row.rejected_at === undefined
        ? null
        : { at: String(row.rejected_at), reason: String(row.rejected_reason) },
  };
}

/** What a page of records is cut by: after a cursor, settled, one table or all, at most `limit`. */
export interface RecordQuery {
  after: number;
  /** Only records written before this instant (see `EXCHANGE_SETTLE_MS` in docs/exchange.md). */
  settledBefore: string;
  limit: number;
  table?: SpglTable;
  /** Up to and including this id (a batch's end). */
  upTo?: number;
}

/** Records in the order they were written. */
export async function recordsAfter(db: Database | Knex, query: RecordQuery): Promise<StoredRecord[]> {
  const knex = 'knex' in db ? db.knex : db;
  const q = knex('exchange_records')
    .where('id', '>', query.after)
    .andWhere('created_at', '<', query.settledBefore)
    .orderBy('id')
    .limit(query.limit);
  if (query.table) q.andWhere('table_name', query.table);
  if (query.upTo !== undefined) q.andWhere('id', '<=', query.upTo);
  return (await q).map(toStored);
}

/** Parks the records the platform refused, each with its reason. */
export async function rejectRecords(
  db: Database,
  rejections: ReadonlyArray<{ id: number; reason: string }>,
  at: string,
): Promise<void> {
  for (const r of rejections) {
    await db
      .knex('exchange_records')
      .where({ id: r.id })
      .update({ rejected_at: at, rejected_reason: r.reason.slice(0, 2000) });
  }
}

/** The refused records, oldest first, for administrators. */
export async function rejectedRecords(db: Database, limit: number): Promise<StoredRecord[]> {
  const rows = await db.knex('exchange_records').whereNotNull('rejected_at').orderBy('id').limit(limit);
  return rows.map(toStored);
}

/** The pusher's cursor: the last record handed to the outbox (0 before the first; the migration adds the row). */
export async function pushCursor(trx: Knex, name: string): Promise<number> {
  const row = await trx('exchange_push').where({ name }).first('last_id');
  return row ? Number(row.last_id) : 0;
}

/**
 * Moves the cursor from `from` to `to`, only if it still stands at `from`: of two instances pushing at once,
 * one moves it and the other finds nothing to do.
 */
export async function advancePushCursor(
  trx: Knex,
  name: string,
  from: number,
  to: number,
  at: string,
): Promise<boolean> {
  const updated = await trx('exchange_push')
    .where({ name, last_id: from })
    .update({ last_id: to, updated_at: at });
  return updated === 1;
}

/** The outbox type of a batch of exchange records. */
export const SPGL_BATCH_MESSAGE = 'spgl-batch';

/** Whether a batch queued before `messageId` is neither delivered nor parked as dead. */
export async function earlierBatchPending(db: Database, messageId: number): Promise<boolean> {
  const row = await db
    .knex('outbox')
    .where({ type: SPGL_BATCH_MESSAGE })
    .andWhere('id', '<', messageId)
    .whereNull('sent_at')
    .whereNull('dead_at')
    .first('id');
  return row !== undefined;
}
