import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { BlobStore, ByteRange } from './blob-store.ts';

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * Blobs as files under `<root>/blobs/ab/cd/<sha256>`: a temporary file fsynced, then renamed into place (and
 * the folder fsynced), so a blob is either whole or absent after a crash. Its modification time is when it was
 * last stored, which the sweep reads.
 */
export class FileBlobStore implements BlobStore {
  readonly tempDir: string;
  private readonly blobDir: string;

  constructor(root: string) {
    this.tempDir = path.join(root, 'tmp');
    this.blobDir = path.join(root, 'blobs');
    fs.mkdirSync(this.tempDir, { recursive: true });
    fs.mkdirSync(this.blobDir, { recursive: true });
  }

  private pathOf(sha256: string): string {
    if (!HEX64.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return path.join(this.blobDir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(tempFile: string, sha256: string): Promise<void> {
    const target = this.pathOf(sha256);
    try {
      const now = new Date();
      // Stored already: only its time is refreshed. Gone meanwhile (a sweep): stored again below.
      const refreshed = await fs.promises.utimes(target, now, now).then(
        () => true,
        () => false,
      );
      if (refreshed) return;
      const folder = path.dirname(target);
      await fs.promises.mkdir(folder, { recursive: true });
      // The upload fsynced the temporary file; the rename is made durable by fsyncing the folder.
      await fs.promises.rename(tempFile, target);
      const dir = await fs.promises.open(folder, 'r');
      try {
        await dir.sync();
      } finally {
        await dir.close();
      }
    } finally {
      await fs.promises.rm(tempFile, { force: true });
    }
  }

  /** Whether the file of `sha256` is stored. */
  has(sha256: string): boolean {
    return fs.existsSync(this.pathOf(sha256));
  }

  async read(sha256: string, range?: ByteRange): Promise<Readable | null> {
    const file = this.pathOf(sha256);
    if (!fs.existsSync(file)) return null;
    return fs.createReadStream(file, range ? { start: range.start, end: range.end } : {});
  }

  async storedBefore(before: Date): Promise<string[]> {
    const found: string[] = [];
    for (const a of await readdirOrEmpty(this.blobDir)) {
      for (const b of await readdirOrEmpty(path.join(this.blobDir, a))) {
        for (const name of await readdirOrEmpty(path.join(this.blobDir, a, b))) {
          if (!HEX64.test(name)) continue;
          const stat = await fs.promises.stat(path.join(this.blobDir, a, b, name));
          if (stat.mtime < before) found.push(name);
        }
      }
    }
    return found;
  }

  async remove(sha256: string, before: Date): Promise<boolean> {
    const file = this.pathOf(sha256);
    const stat = await fs.promises.stat(file).catch(() => null);
    if (!stat || stat.mtime >= before) return false;
    await fs.promises.rm(file, { force: true });
    return true;
  }
}

async function readdirOrEmpty(dir: string): Promise<string[]> {
  return fs.promises.readdir(dir).catch(() => []);
}
