/**
 * Every read and write of the `licences`, `licence_serials` and `licence_keys` tables. Writes that commit with
 * an event go through the event store they are handed (an observer's), so they work inside the SQLite group
 * commit as in a Knex transaction; reads outside an event use the database. A licence's status is its case's.
 */
import type { Database, EventStore } from '../db/index.ts';
import type { LicenceType } from '../../workflows/licence.ts';

/** The statuses a licence may have (its case's status). */
export type LicenceStatus = 'valid' | 'in_force' | 'lapsed' | 'revoked' | 'superseded';

/** What another feature needs to know of a cited licence (the materials' port). */
export interface LicenceSummary {
  number: string;
  type: LicenceType;
  status: LicenceStatus;
  holderUscc: string;
}

/** A licence as stored, with its case's live status and snapshot. */
export interface LicenceRecord extends LicenceSummary {
  caseId: string;
  applicationId: string;
  issuedAt: string;
  payload: string;
  signature: string;
  keyId: string;
  supersedes: string | null;
  revokedAt: string | null;
  revocationReason: string | null;
  snapshot: unknown;
  version: number;
}

/** A new licence's row. */
export interface LicenceRow {
  number: string;
  case_id: string;
  application_id: string;
  type: LicenceType;
  holder_uscc: string;
  issued_at: string;
  payload: string;
  signature: string;
  key_id: string;
  supersedes: string | null;
  report_outbox_id: number | null;
  report_due_at: string | null;
}

/** The 4-digit serials of one region and day run out at 9999: more in one day is a fault, not a licence. */
export class SerialsExhaustedError extends Error {
  constructor(region: string, day: string) {
    super(`no licence serial is left for region ${region} on ${day}`);
    this.name = 'SerialsExhaustedError';
  }
}

/**
 * The next serial of a region and day, inside the issuing transaction: one upsert that answers the counter,
 * so that concurrent issues queue on the row (PostgreSQL's row lock; SQLite's one writer) and never share one.
 */
export async function nextSerial(store: EventStore, region: string, day: string): Promise<number> {
  const [row] = await store.query(
    'insert into licence_serials (region_code, day, last) values (?, ?, 1) ' +
      'on conflict (region_code, day) do update set last = licence_serials.last + 1 returning last',
    [region, day],
  );
  const serial = Number(row?.last);
  if (!(serial >= 1 && serial <= 9999)) throw new SerialsExhaustedError(region, day);
  return serial;
}

/** Writes a licence's row in the issuing transaction. */
export async function insertLicence(store: EventStore, row: LicenceRow): Promise<void> {
  await store.insert('licences', { ...row });
}

/** Writes the licence's report to the outbox in the issuing transaction; answers the message's id. */
export async function insertReportMessage(
  store: EventStore,
  caseId: string,
  payload: unknown,
  at: string,
): Promise<number> {
  const [row] = await store.query(
    'insert into outbox (application_id, type, payload, created_at, available_at, attempts) ' +
      'values (?, ?, ?, ?, ?, 0) returning id',
    [caseId, LICENCE_REPORT_MESSAGE, JSON.stringify(payload), at, at],
  );
  return Number(row!.id);
}

/** The outbox type of a licence's report to the provincial platform. */
export const LICENCE_REPORT_MESSAGE = 'licence-report';

/** Records a revocation's time and reason, which the public view shows. */
export async function recordRevocation(
  store: EventStore,
  caseId: string,
  at: string,
  reason: string,
): Promise<void> {
  await store.query('update licences set revoked_at = ?, revocation_reason = ? where case_id = ?', [
    at,
    reason,
    caseId,
  ]);
}

/** The licence of a case, inside a transaction (the observer's, on an event of the licence's own case). */
export async function licenceOfCase(
  store: EventStore,
  caseId: string,
): Promise<{ number: string; payload: string } | null> {
  const [row] = await store.query('select number, payload from licences where case_id = ?', [caseId]);
  return row ? { number: String(row.number), payload: String(row.payload) } : null;
}

/** A licence, type, holder and live status, read inside a transaction (the completion form's check). */
export async function licenceSummaryIn(store: EventStore, number: string): Promise<LicenceSummary | null> {
  const [row] = await store.query(
    'select l.number, l.type, l.holder_uscc, a.status from licences l ' +
      'join applications a on a.id = l.case_id where l.number = ?',
    [number],
  );
  return row ? toSummary(row) : null;
}

const SELECT = [
  'l.number',
  'l.case_id',
  'l.application_id',
  'l.type',
  'l.holder_uscc',
  'l.issued_at',
  'l.payload',
  'l.signature',
  'l.key_id',
  'l.supersedes',
  'l.revoked_at',
  'l.revocation_reason',
  'a.status',
  'a.snapshot',
  'a.version',
];

/**
 * Finds a licence by number, with its live status; null when there is none. The lookup other features use
 * (the materials' citation of a licence instead of an upload).
 */
export async function findLicence(db: Database, number: string): Promise<LicenceSummary | null> {
  const row = await db
    .knex('licences as l')
    .join('applications as a', 'a.id', 'l.case_id')
    .where('l.number', number)
    .first('l.number', 'l.type', 'l.holder_uscc', 'a.status');
  return row ? toSummary(row) : null;
}

/** The whole stored licence, with its case's status and snapshot; null when there is none. */
export async function loadLicence(db: Database, number: string): Promise<LicenceRecord | null> {
  const row = await db
    .knex('licences as l')
    .join('applications as a', 'a.id', 'l.case_id')
    .where('l.number', number)
    .first(SELECT);
  return row ? toRecord(row, db) : null;
}

/** The licences issued on an application, oldest first (the case view's list). */
export async function licencesOfApplication(db: Database, applicationId: string): Promise<LicenceSummary[]> {
  const rows = await db
    .knex('licences as l')
    .join('applications as a', 'a.id', 'l.case_id')
    .where('l.application_id', applicationId)
    .orderBy('l.issued_at')
    .orderBy('l.number')
    .select('l.number', 'l.type', 'l.holder_uscc', 'a.status');
  return rows.map(toSummary);
}

/** Licences whose report is still unsent after its 5 working days (`/metrics`, the weekly report). */
export async function overdueReportCount(db: Database, now: Date): Promise<number> {
  const [row] = await db
    .knex('licences as l')
    .join('outbox as o', 'o.id', 'l.report_outbox_id')
    .whereNull('o.sent_at')
    .where('l.report_due_at', '<', now.toISOString())
    .count({ n: '*' });
  return db.dialect.readNumber(row?.n);
}

/** Remembers a key that signs licences (listed at GET /licences/keys for as long as the database lives). */
export async function rememberSigningKey(db: Database, keyId: string, pem: string, at: Date): Promise<void> {
  await db
    .knex('licence_keys')
    .insert({ key_id: keyId, pem, first_used_at: at.toISOString() })
    .onConflict('key_id')
    .ignore();
}

/** Every key that has signed licences, oldest first. */
export async function signingKeys(db: Database): Promise<Array<{ keyId: string; pem: string }>> {
  const rows = await db.knex('licence_keys').orderBy('first_used_at').orderBy('key_id');
  return rows.map((r: { key_id: string; pem: string }) => ({ keyId: r.key_id, pem: r.pem }));
}

function toSummary(row: Record<string, unknown>): LicenceSummary {
  return {
    number: String(row.number),
    type: row.type as LicenceType,
    status: row.status as LicenceStatus,
    holderUscc: String(row.holder_uscc),
  };
}

function toRecord(row: Record<string, unknown>, db: Database): LicenceRecord {
  const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    ...toSummary(row),
    caseId: String(row.case_id),
    applicationId: String(row.application_id),
    issuedAt: String(row.issued_at),
    payload: String(row.payload),
    signature: String(row.signature),
    keyId: String(row.key_id),
    supersedes: str(row.supersedes),
    revokedAt: str(row.revoked_at),
    revocationReason: str(row.revocation_reason),
    snapshot: db.dialect.readJson(row.snapshot),
    version: db.dialect.readNumber(row.version),
  };
}
