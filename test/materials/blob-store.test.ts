import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { expect } from 'chai';
import type { BlobStore } from '../../src/materials/index.ts';
import { FileBlobStore, PostgresBlobStore, sweepBlobs } from '../../src/materials/index.ts';
import { CHUNK_BYTES } from '../../src/materials/postgres-blob-store.ts';
import { createPermit } from '../support/cases.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { harnessPerBlock } from '../support/harness.ts';

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * The blob store of each database: files under the data folder with SQLite, rows inside PostgreSQL. Stored
 * once, read whole or by range (across PostgreSQL's chunks), swept when unreferenced for a day.
 */
describeEachDatabase('materials/blob-store', (kind) => {
  const h = harnessPerBlock(kind, '2026-03-02T09:00:00+08:00');
  let root = '';
  let blobs: BlobStore;

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'zt-blobs-'));
    blobs = kind === 'pg' ? new PostgresBlobStore(h.db, path.join(root, 'tmp')) : new FileBlobStore(root);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  async function put(data: Buffer): Promise<string> {
    const temp = path.join(blobs.tempDir, randomUUID());
    fs.writeFileSync(temp, data);
    const hash = sha(data);
    await blobs.put(temp, hash, data.length);
    expect(fs.existsSync(temp), 'the temporary file is consumed').to.equal(false);
    return hash;
  }

  it('should store content once and read it back whole and by ranges across chunks', async () => {
    // Past one PostgreSQL chunk, so a range can straddle two.
    const data = Buffer.alloc(CHUNK_BYTES + 1000, 'abcdefghij');
    const hash = await put(data);
    const count = (await blobs.storedBefore(new Date('2100-01-01'))).length;
    expect(await put(Buffer.from(data))).to.equal(hash);
    expect((await blobs.storedBefore(new Date('2100-01-01'))).length).to.equal(count);
    expect(sha(Buffer.from(await text((await blobs.read(hash)) as never), 'utf8'))).to.equal(hash);
    const start = CHUNK_BYTES - 5;
    const range = await text((await blobs.read(hash, { start, end: start + 9 }))! as never);
    expect(range).to.equal(data.subarray(start, start + 10).toString());
    expect(await blobs.read('0'.repeat(64))).to.equal(null);
  });

  it('should sweep unreferenced blobs a day old and keep referenced and recent ones', async () => {
    const kept = await put(Buffer.from('%PDF-1.4 kept'));
    const orphan = await put(Buffer.from('%PDF-1.4 orphan'));
    const id = await createPermit(h);
    await h.db.knex('materials').insert({
      id: randomUUID(),
      application_id: id,
      code: 'construction-drawings',
      sha256: kept,
      bytes: 13,
      media_type: 'application/pdf',
      file_name: 'kept.pdf',
      uploaded_at: '2026-03-02T01:00:00.000Z',
      uploaded_by: 'ent-user',
      added_seq: 2,
    });
    // Today nothing is a day old.
    expect((await sweepBlobs(h.db, blobs, new Date())).removed).to.equal(0);
    const dayAfter = new Date(Date.now() + 25 * 60 * 60 * 1000);
    const swept = await sweepBlobs(h.db, blobs, dayAfter);
    expect(swept.removed).to.be.at.least(1);
    expect(await blobs.read(orphan)).to.equal(null);
    expect(await blobs.read(kept)).to.not.equal(null);
  });
});
