/**
 * The panel draw anyone can re-run (docs/domain.md, "The draw"). Algorithm `sha256-ctr-v1`:
 *
 * 1. The eligible experts' ids are sorted by UTF-16 code units (JavaScript's default sort).
 * 2. A stream of 32-bit words: block i (i = 0, 1, …) is SHA-256(seed as UTF-8 ‖ i as 4 bytes big-endian); each
 *    block gives eight words, read big-endian in order.
 * 3. To pick among n remaining ids, take the next word w; if w ≥ 2^32 − (2^32 mod n) it is dropped and the next
 *    one taken (so no index is favoured), else the index is w mod n. The picked id leaves the pool.
 *
 * The first `size` picks are the panel; each replacement (a recusal, an upheld objection) is the next pick.
 */
import { createHash } from 'node:crypto';

/** The name of the algorithm, recorded with every draw. */
export const DRAW_ALGORITHM = 'sha256-ctr-v1';

/** An endless stream of uniform 32-bit words from the seed. */
function* words(seed: string): Generator<number> {
  const prefix = Buffer.from(seed, 'utf8');
  for (let block = 0; ; block++) {
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(block >>> 0);
    const digest = createHash('sha256').update(prefix).update(counter).digest();
    for (let i = 0; i < 32; i += 4) yield digest.readUInt32BE(i);
  }
}

/** The first `count` picks from `ids` in the seed's order (fewer when the pool runs out). */
export function drawOrder(seed: string, ids: readonly string[], count: number): string[] {
  const pool = [...new Set(ids)].sort();
  const picks: string[] = [];
  const stream = words(seed);
  while (picks.length < count && pool.length > 0) {
    const n = pool.length;
    const limit = 2 ** 32 - (2 ** 32 % n);
    let w = stream.next().value as number;
    while (w >= limit) w = stream.next().value as number;
    picks.push(pool.splice(w % n, 1)[0]!);
  }
  return picks;
}

/** One expert of the roster as the draw saw them: the facts the filters read. */
export interface RosterEntry {
  id: string;
  fields: string[];
  /** The expert's employer or a declared relation is the applicant. */
  relatedToApplicant: boolean;
  /** The expert sat on an earlier review of the same project code. */
  earlierReviewOfProject: boolean;
}

/** The filters of a draw, recorded with it. */
export interface DrawFilters {
  industry: string;
  applicant: string;
  projectCode: string | null;
}

/** Who may be drawn: the field matches, no relation with the applicant, no earlier review of the project. */
export function eligibleIds(roster: readonly RosterEntry[], filters: DrawFilters): string[] {
  return roster
    .filter((e) => e.fields.includes(filters.industry) && !e.relatedToApplicant && !e.earlierReviewOfProject)
    .map((e) => e.id)
    .sort();
}
