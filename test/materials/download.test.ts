import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import { minimalPermitForm } from '../fixtures/construction-permit.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { agentToken } from '../support/delegation.ts';
import { casePath, createDraft, expectProblem, sendOk } from '../support/http.ts';
import { materialsPath, pdfBytes, uploadOk } from '../support/materials.ts';
import { withService } from '../support/with-service.ts';

describeEachDatabase('materials/download', (kind) => {
  const t = withService(kind);
  let id = '';
  let material: Record<string, any> = {};
  const bytes = pdfBytes('Drawings, sheet 1 of 1 — a long enough paper to ask for ranges of it');

  before(async () => {
    const application = constructionPermitApplication();
    application.form = { ...minimalPermitForm };
    id = await createDraft(t.svc, t.who.applicant, application);
    material = await uploadOk(
      t.svc,
      t.who.applicant,
      id,
      'construction-drawings',
      bytes,
      '施工图 总平面.pdf',
    );
    await sendOk(t.svc, t.who.applicant, id, { type: 'SUBMIT' });
    await sendOk(t.svc, t.who.clerk('window'), id, { type: 'ACCEPT' });
  });

  const content = (token: string, headers: Record<string, string> = {}) =>
    t.svc.request('GET', materialsPath(id, `/${material.id}/content`), { token, headers });

  it('should send the file with its type, ETag, nosniff and an RFC 6266 attachment name', async () => {
    const response = await content(t.who.applicant);
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/^application\/pdf/);
    expect(response.headers.get('etag')).to.equal(`"${material.sha256}"`);
    expect(response.headers.get('x-content-type-options')).to.equal('nosniff');
    expect(response.headers.get('accept-ranges')).to.equal('bytes');
    expect(response.headers.get('content-disposition')).to.equal(
      `attachment; filename="___ ___.pdf"; filename*=UTF-8''${encodeURIComponent('施工图 总平面.pdf')}`,
    );
    expect(createHash('sha256').update(response.body).digest('hex')).to.equal(material.sha256);
    const again = await content(t.who.applicant, { 'if-none-match': `"${material.sha256}"` });
    expect(again.status).to.equal(304);
  });

  it('should answer range requests: a slice, a suffix, an open end, and 416 outside the file', async () => {
    const text = new TextDecoder().decode(bytes);
    const slice = await content(t.who.applicant, { range: 'bytes=0-7' });
    expect(slice.status).to.equal(206);
    expect(slice.body).to.equal(text.slice(0, 8));
    expect(slice.headers.get('content-range')).to.equal(`bytes 0-7/${bytes.length}`);
    const suffix = await content(t.who.applicant, { range: 'bytes=-6' });
    expect(suffix.status).to.equal(206);
    expect(suffix.body).to.equal(text.slice(-6));
    const open = await content(t.who.applicant, { range: `bytes=${bytes.length - 3}-` });
    expect(open.body).to.equal(text.slice(-3));
    const outside = await content(t.who.applicant, { range: `bytes=${bytes.length}-` });
    expectProblem(outside, 416, 'range-not-satisfiable');
    expect(outside.headers.get('content-range')).to.equal(`bytes */${bytes.length}`);
    // Another file's ETag in If-Range: the whole file.
    const stale = await content(t.who.applicant, { range: 'bytes=0-7', 'if-range': '"other"' });
    expect(stale.status).to.equal(200);
  });

  it('should serve the reviewing clerks and auditors, and hide the file from everyone else (404)', async () => {
    expect((await content(t.who.clerk('planning'))).status).to.equal(200);
    expect((await content(t.who.clerk('housing'))).status).to.equal(200);
    expect((await content(t.who.auditor)).status).to.equal(200);
    // No fire review for the minimal form: the fire department has no task and sees nothing.
    expectProblem(await content(t.who.clerk('fire')), 404, 'not-found');
    expectProblem(await content(t.who.clerk('meteorology')), 404, 'not-found');
    expectProblem(await content(t.who.otherApplicant), 404, 'not-found');
    expectProblem(await content(agentToken(t.svc, 'agent-nobody')), 404, 'not-found');
    // A material of this case asked for under another case's id is not found either.
    const other = await createDraft(t.svc, t.who.otherApplicant, constructionPermitApplication());
    const crossed = await t.svc.request('GET', materialsPath(other, `/${material.id}/content`), {
      token: t.who.otherApplicant,
    });
    expectProblem(crossed, 404, 'not-found');
  });

  it('should find a file changed in storage on /verify', async () => {
    const verify = () => t.svc.request('GET', casePath(id, '/verify'), { token: t.who.auditor });
    const clean = (await verify()).body;
    expect(clean.materials.mismatched).to.deep.equal([]);
    expect(clean.ok).to.equal(true);
    await tamper(material.sha256);
    const found = (await verify()).body;
    expect(found.ok).to.equal(true);
    expect(found.materials.mismatched).to.have.length(1);
    expect(found.materials.mismatched[0]).to.include({ id: material.id, sha256: material.sha256 });
    expect(found.materials.mismatched[0].found)
      .to.match(/^[0-9a-f]{64}$/)
      .and.not.equal(material.sha256);
  });

  /** Changes one byte of the stored file behind the service's back: on disk, or in its PostgreSQL row. */
  async function tamper(sha256: string): Promise<void> {
    const { db, blobs } = t.svc.service;
    if (kind === 'pg') {
      const row = await db.knex('material_blob_chunks').where({ sha256, n: 0 }).first('data');
      const data = Buffer.from(row.data as Buffer);
      data[0] = data[0]! ^ 0xff;
      await db.knex('material_blob_chunks').where({ sha256, n: 0 }).update({ data });
    } else {
      const file = path.join(
        path.dirname(blobs.tempDir),
        'blobs',
        sha256.slice(0, 2),
        sha256.slice(2, 4),
        sha256,
      );
      const data = fs.readFileSync(file);
      data[0] = data[0]! ^ 0xff;
      fs.writeFileSync(file, data);
    }
  }
});
