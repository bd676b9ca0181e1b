import type { EventStore, Row } from '../db/index.ts';
import { VersionConflictError } from '../errors/index.ts';
import { chainHash, type ChainedRecord } from './audit-chain.ts';
import type { Actor, ApplicationRecord } from './records.ts';
import { insertAudit } from './rows.ts';

/** One entry for a case's log: what happened, who did it, and where it leaves the case. */
export interface CaseEntry {
  at: string;
  type: string;
  actor: Actor;
  onBehalfOf: string | null;
  from: unknown;
  to: unknown;
  comment: string | null;
  data: unknown;
  /** The case's status after the entry, as the audit record keeps it. */
  status: string;
  /** Whether the case clock is stopped after the entry (the timing module reads it from the log). */
  clockStopped: boolean;
  /** Whether a special procedure holds the clock after the entry (counted apart); false when absent. */
  clockSpecial?: boolean;
}

/** The audit record an entry became: its seq (the case's new version) and its place in the hash chain. */
export interface AppendedEntry extends ChainedRecord {
  actor: Actor;
  prevHash: string;
  hash: string;
  status: string;
  clockStopped: boolean;
  clockSpecial: boolean;
}

/**
 * Appends one entry to an existing case: the next seq and hash, the case row updated only if it is still at
 * the version that was read (else `VersionConflictError`, to retry), and the audit record. `columns` gives
 * a fresh row of the other columns the entry changes (the version, hash and time are added to it); it sees
 * the chained record first (a concluding event stores figures computed from its own record). Every change
 * to a case after its creation goes through here.
 */
export async function appendToCase(
  store: EventStore,
  app: ApplicationRecord,
  entry: CaseEntry,
  columns: (record: AppendedEntry) => Row | Promise<Row>,
): Promise<AppendedEntry> {
  const audit: ChainedRecord & { actor: Actor } = {
    applicationId: app.id,
    seq: app.version + 1,
    at: entry.at,
    type: entry.type,
    actor: entry.actor,
    onBehalfOf: entry.onBehalfOf,
    from: entry.from,
    to: entry.to,
    comment: entry.comment,
    data: entry.data,
  };
  const hash = chainHash(app.lastHash, audit);
  const record: AppendedEntry = {
    ...audit,
    prevHash: app.lastHash,
    hash,
    status: entry.status,
    clockStopped: entry.clockStopped,
    clockSpecial: entry.clockSpecial === true,
  };
  // The row is the caller's fresh object: completing it in place spares one copy per event.
  const row = await columns(record);
  row.version = audit.seq;
  row.last_hash = hash;
  row.updated_at = entry.at;
  const updated = await store.updateApplication(app.id, app.version, row);
  if (updated !== 1) throw new VersionConflictError(app.id, app.version);
  await insertAudit(store, audit, app.lastHash, hash, entry.status, entry.clockStopped, record.clockSpecial);
  return record;
}
