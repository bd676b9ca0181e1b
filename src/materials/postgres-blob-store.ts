import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { Database } from '../db/index.ts';
import type { BlobStore, ByteRange } from './blob-store.ts';

/** Rows of 1 MiB: a range read fetches only the chunks it needs, one at a time. */
export const CHUNK_BYTES = 1024 * 1024;

/**
 * Blobs inside PostgreSQL (`material_blobs`, `material_blob_chunks` of bytea), so every instance serves every
 * file. The file is copied in chunk by chunk from the temporary file and read back chunk by chunk: never
 * whole in memory. Two instances storing the same content at once: the second waits on the first's key and
 * then finds it stored.
 */
export class PostgresBlobStore implements BlobStore {
  constructor(
    private readonly db: Database,
    readonly tempDir: string,
  ) {
    fs.mkdirSync(tempDir, { recursive: true });
  }

  async put(tempFile: string, sha256: string, bytes: number): Promise<void> {
    try {
      await this.db.knex.transaction(async (trx) => {
        const storedAt = new Date().toISOString();
        const inserted = await trx('material_blobs')
          .insert({ sha256, bytes, stored_at: storedAt })
          .onConflict('sha256')
          .ignore()
          .returning('sha256');
        if (!inserted.length) {
          const refreshed = await trx('material_blobs').where({ sha256 }).update({ stored_at: storedAt });
          if (refreshed) return;
          // Swept between the two statements: store it anew.
          await trx('material_blobs').insert({ sha256, bytes, stored_at: storedAt });
        }
        let n = 0;
        for await (const chunk of fs.createReadStream(tempFile, { highWaterMark: CHUNK_BYTES })) {
          await trx('material_blob_chunks').insert({ sha256, n: n++, data: chunk as Buffer });
        }
      });
    } finally {
      await fs.promises.rm(tempFile, { force: true });
    }
  }

  async read(sha256: string, range?: ByteRange): Promise<Readable | null> {
    const blob = await this.db.knex('material_blobs').where({ sha256 }).first('bytes');
    if (!blob) return null;
    const size = Number(blob.bytes);
    const start = range?.start ?? 0;
    const end = range?.end ?? size - 1;
    const knex = this.db.knex;
    async function* chunks() {
      for (let n = Math.floor(start / CHUNK_BYTES); n * CHUNK_BYTES <= end; n++) {
        const row = await knex('material_blob_chunks').where({ sha256, n }).first('data');
        if (!row) throw new Error(`blob ${sha256} lacks chunk ${n}`);
        const data = row.data as Buffer;
        const from = Math.max(0, start - n * CHUNK_BYTES);
        const to = Math.min(data.length, end - n * CHUNK_BYTES + 1);
        yield data.subarray(from, to);
      }
    }
    return size === 0 ? Readable.from([]) : Readable.from(chunks());
  }

  async storedBefore(before: Date): Promise<string[]> {
    const rows = await this.db
      .knex('material_blobs')
      .where('stored_at', '<', before.toISOString())
      .select('sha256');
    return rows.map((r: { sha256: string }) => r.sha256);
  }

  async remove(sha256: string, before: Date): Promise<boolean> {
    // Chunks go with their blob (ON DELETE CASCADE).
    const removed = await this.db
      .knex('material_blobs')
      .where({ sha256 })
      .andWhere('stored_at', '<', before.toISOString())
      .del();
    return removed > 0;
  }
}
