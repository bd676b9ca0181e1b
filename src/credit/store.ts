/**
 * The credit register's rows (`credit_records`, migration 019): written with the event of the record's own
 * case (inside its transaction, through the event store), read by the eligibility check and the routes.
 */
import type { Database, EventStore } from '../db/index.ts';

/** One record of the register, as the routes show it. */
export interface CreditRecord {
  id: string;
  enterprise: string;
  kind: string;
  source: string;
  decidedOn: string;
  ineligibleUntil: string | null;
  originCase: string | null;
  recordedAt: string;
  repairedAt: string | null;
  repairCase: string | null;
  /** Whether it excludes the enterprise from approval on pledge on the day asked about. */
  excludes?: boolean;
}

function toRecord(row: Record<string, unknown>): CreditRecord {
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    id: String(row.id),
    enterprise: String(row.enterprise),
    kind: String(row.kind),
    source: String(row.source),
    decidedOn: String(row.decided_on),
    ineligibleUntil: text(row.ineligible_until),
    originCase: text(row.origin_case_id),
    recordedAt: String(row.recorded_at),
    repairedAt: text(row.repaired_at),
    repairCase: text(row.repair_case_id),
  };
}

/** Whether a record excludes its enterprise on `day` (YYYY-MM-DD, Asia/Shanghai): not repaired, not run out. */
export function excludesOn(record: CreditRecord, day: string): boolean {
  return record.repairedAt === null && (record.ineligibleUntil === null || record.ineligibleUntil >= day);
}

/** Writes a record's row, in the transaction of its case's creation. */
export async function insertCreditRecord(store: EventStore, record: CreditRecord): Promise<void> {
  await store.insert('credit_records', {
    id: record.id,
    enterprise: record.enterprise,
    kind: record.kind,
    source: record.source,
    decided_on: record.decidedOn,
    ineligible_until: record.ineligibleUntil,
    origin_case_id: record.originCase,
    recorded_at: record.recordedAt,
  });
}

/** Ends a record's exclusion, in the transaction of the granted repair. */
export async function markRepaired(
  store: EventStore,
  id: string,
  at: string,
  repairCase: string,
): Promise<void> {
  await store.query('update credit_records set repaired_at = ?, repair_case_id = ? where id = ?', [
    at,
    repairCase,
    id,
  ]);
}

/** The enterprise's records, through the event's store (the eligibility check at filing). */
export async function recordsOfIn(store: EventStore, enterprise: string): Promise<CreditRecord[]> {
  const rows = await store.query(
    'select * from credit_records where enterprise = ? order by decided_on, id',
    [enterprise],
  );
  return rows.map(toRecord);
}

/** A record by id, or null. */
export async function loadCreditRecord(db: Database, id: string): Promise<CreditRecord | null> {
  const row = await db.knex('credit_records').where({ id }).first();
  return row ? toRecord(row) : null;
}

/** The records, of one enterprise when named, oldest first. */
export async function listCreditRecords(db: Database, enterprise?: string): Promise<CreditRecord[]> {
  const query = db.knex('credit_records').orderBy([{ column: 'decided_on' }, { column: 'id' }]);
  if (enterprise) query.where({ enterprise });
  return (await query.select()).map(toRecord);
}
