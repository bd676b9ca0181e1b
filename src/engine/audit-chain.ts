import { createHash } from 'node:crypto';
import { canonicalJson } from '../json/canonical-json.ts';

/** The hash that stands before the first record of every case. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit record that the hash covers. */
export interface ChainedRecord {
  applicationId: string;
  seq: number;
  at: string;
  type: string;
  actor: { sub: string; role: string; org: string | null; name?: string };
  onBehalfOf: string | null;
  from: unknown;
  to: unknown;
  comment: string | null;
  data: unknown;
}

/** `sha256(prevHash + canonical JSON of the record)`, hex. */
export function chainHash(prevHash: string, record: ChainedRecord): string {
  return createHash('sha256')
    .update(prevHash + canonicalJson(record))
    .digest('hex');
}

/** Result of recomputing a case's chain. */
export interface ChainVerification {
  ok: boolean;
  checked: number;
  firstBadSeq?: number;
}

/** Recomputes the chain over records in `seq` order; the first record whose hash or link differs is reported. */
export function verifyChain(
  records: ReadonlyArray<ChainedRecord & { prevHash: string; hash: string }>,
): ChainVerification {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const record of records) {
    const { prevHash, hash, ...fields } = record;
    if (record.seq !== expectedSeq || prevHash !== prev || chainHash(prev, fields) !== hash) {
      return {
        ok: false,
        checked: expectedSeq - 1,
        firstBadSeq: record.seq === expectedSeq ? record.seq : expectedSeq,
      };
    }
    prev = hash;
    expectedSeq++;
  }
  return { ok: true, checked: records.length };
}
