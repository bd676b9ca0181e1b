import type { Database } from '../db/index.ts';
import type { BlobStore } from './blob-store.ts';

/** How long an unreferenced blob is kept: an upload under way stores its blob before its row. */
export const UNREFERENCED_GRACE_MS = 24 * 60 * 60 * 1000;

/** What one sweep did. */
export interface BlobSweepResult {
  checked: number;
  removed: number;
}

/**
 * Removes the blobs no material references that were stored more than a day before `now`. A blob any case
 * references is never removed; one stored again since the sweep looked is left for the next sweep.
 */
export async function sweepBlobs(db: Database, blobs: BlobStore, now: Date): Promise<BlobSweepResult> {
  const before = new Date(now.getTime() - UNREFERENCED_GRACE_MS);
  const candidates = await blobs.storedBefore(before);
  let removed = 0;
  for (let i = 0; i < candidates.length; i += 500) {
    const batch = candidates.slice(i, i + 500);
    const rows = await db.knex('materials').whereIn('sha256', batch).distinct('sha256');
    const used = new Set(rows.map((r: { sha256: string }) => r.sha256));
    for (const sha256 of batch) {
      if (!used.has(sha256) && (await blobs.remove(sha256, before))) removed++;
    }
  }
  return { checked: candidates.length, removed };
}
