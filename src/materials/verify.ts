import { createHash } from 'node:crypto';
import type { Database } from '../db/index.ts';
import type { BlobStore } from './blob-store.ts';
import { materialsOf } from './material-store.ts';

/** A material whose stored file no longer hashes to what was handed in. */
export interface MaterialMismatch {
  id: string;
  code: string;
  sha256: string;
  /** The hash of the stored bytes now; null when the file is gone. */
  found: string | null;
}

/**
 * Re-hashes the stored file of every material of a case (streamed), so a file changed or lost in storage is
 * found: `GET …/verify` reports it beside the audit chain.
 */
export async function verifyMaterials(
  db: Database,
  blobs: BlobStore,
  applicationId: string,
): Promise<{ checked: number; mismatched: MaterialMismatch[] }> {
  const files = (await materialsOf(db, applicationId)).filter((m) => m.sha256 !== null);
  const mismatched: MaterialMismatch[] = [];
  // One hash per distinct blob: a file reused under two codes is read once.
  const hashes = new Map<string, string | null>();
  for (const material of files) {
    const sha256 = material.sha256!;
    if (!hashes.has(sha256)) {
      const stream = await blobs.read(sha256);
      let found: string | null = null;
      if (stream) {
        const hash = createHash('sha256');
        for await (const chunk of stream) hash.update(chunk as Buffer);
        found = hash.digest('hex');
      }
      hashes.set(sha256, found);
    }
    const found = hashes.get(sha256)!;
    if (found !== sha256) mismatched.push({ id: material.id, code: material.code, sha256, found });
  }
  return { checked: files.length, mismatched };
}
