import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { FileBlobStore } from './file-blob-store.ts';

/** What a copy of the material files did. */
export interface BlobCopy {
  copied: number;
  /** Already in the target (a file's name is its content's hash, so the same name is the same file). */
  present: number;
  bytes: number;
}

/**
 * Copies every material file of `from` that `to` lacks, for a backup: each copy is hashed on the way and
 * stored only if it still hashes to its name, through the target's own durable `put` (fsynced, renamed into
 * place), so an interrupted copy leaves no half file and can simply be run again. Files are never changed in
 * place and the sweep keeps unreferenced ones a day, so copying after the database snapshot finds every file
 * the snapshot references.
 */
export async function copyBlobs(from: FileBlobStore, to: FileBlobStore): Promise<BlobCopy> {
  const result: BlobCopy = { copied: 0, present: 0, bytes: 0 };
  for (const sha256 of await from.storedBefore(new Date(8.64e15))) {
    if (to.has(sha256)) {
      result.present++;
      continue;
    }
    const source = await from.read(sha256);
    if (!source) continue; // swept meanwhile: no longer referenced by anything
    const temp = path.join(to.tempDir, `backup-${randomUUID()}`);
    const hash = createHash('sha256');
    let size = 0;
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    await pipeline(source, counted, fs.createWriteStream(temp, { flags: 'wx' }));
    const written = await fs.promises.open(temp, 'r+');
    try {
      await written.sync();
    } finally {
      await written.close();
    }
    const found = hash.digest('hex');
    if (found !== sha256) {
      await fs.promises.rm(temp, { force: true });
      throw new Error(
        `the material file ${sha256} reads as ${found}: the source is damaged, nothing was copied for it`,
      );
    }
    await to.put(temp, sha256);
    result.copied++;
    result.bytes += size;
  }
  return result;
}
