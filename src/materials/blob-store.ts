import type { Readable } from 'node:stream';

import type { ByteRange } from './byte-range.ts';

export type { ByteRange };

/**
 * Where the files of the materials live, content-addressed by SHA-256: a file is stored once however many
 * cases hand it in. Uploads stream to a temporary file first (hashed and judged on the way); only a file that
 * passed every check is `put`. Two implementations: files under the data folder (file-blob-store.ts) and, when
 * the service runs on PostgreSQL, rows in the database, so that every instance serves every file
 * (postgres-blob-store.ts).
 */
export interface BlobStore {
  /** A folder on local disk where uploads stream before they are judged. */
  readonly tempDir: string;
  /**
   * Stores a finished temporary file under its hash, once, and consumes the temporary file. Storing content
   * that is already there refreshes its time, so a sweep under way never takes a blob about to be referenced.
   */
  put(tempFile: string, sha256: string, bytes: number): Promise<void>;
  /** The stored bytes (all, or one range) as a stream; null when the blob is absent. */
  read(sha256: string, range?: ByteRange): Promise<Readable | null>;
  /** Blobs stored (or stored again) before `before`: the sweep's candidates. */
  storedBefore(before: Date): Promise<string[]>;
  /** Removes a blob unless it was stored again since `before`; true when it was removed. */
  remove(sha256: string, before: Date): Promise<boolean>;
}
