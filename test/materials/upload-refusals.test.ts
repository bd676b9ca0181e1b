import { expect } from 'chai';
import fs from 'node:fs';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createDraft, expectProblem, sendOk } from '../support/http.ts';
import { materialsPath, pdfBytes, pngBytes, upload, uploadOk } from '../support/materials.ts';
import { withService } from '../support/with-service.ts';

/**
 * Every refusal of an upload stores nothing: no material row, no audit record, no blob, no temporary file
 * (docs/api.md, Materials).
 */
describeEachDatabase('materials/upload-refusals', (kind) => {
  const t = withService(kind);
  let draft = '';

  before(async () => {
    draft = await createDraft(t.svc, t.who.applicant, constructionPermitApplication());
  });

  /** What an upload could leave behind. */
  async function stored() {
    const { db, blobs } = t.svc.service;
    const rows = await db.knex('materials').count({ n: '*' }).first();
    const audit = await db.knex('audit_events').count({ n: '*' }).first();
    return {
      rows: Number(rows?.n),
      audit: Number(audit?.n),
      blobs: (await blobs.storedBefore(new Date('2100-01-01'))).length,
      temp: fs.readdirSync(blobs.tempDir).length,
    };
  }

  /** Runs a refused upload and checks that it left nothing behind. */
  async function refusedLeavesNothing(refuse: () => Promise<void>) {
    const before = await stored();
    await refuse();
    expect(await stored()).to.deep.equal(before);
  }

  it('should refuse a code not in the catalog (422 not-in-catalog)', async () => {
    await refusedLeavesNothing(async () => {
      const response = await upload(t.svc, t.who.applicant, draft, 'love-letter', pdfBytes());
      expectProblem(response, 422, 'not-in-catalog');
      expect(response.body.errors).to.deep.equal([
        {
          pointer: '/code',
          code: 'material-not-in-catalog',
          detail: 'is not in the material catalog this case follows',
        },
      ]);
    });
  });

  it('should refuse a type the item does not take, judged from the content (415)', async () => {
    await refusedLeavesNothing(async () => {
      // Named and labelled as a PDF, but the bytes are a PNG: the content decides.
      const png = await upload(
        t.svc,
        t.who.applicant,
        draft,
        'permit-application-form',
        pngBytes(),
        'form.pdf',
      );
      expectProblem(png, 415, 'unsupported-media-type');
      const text = new TextEncoder().encode('just some text, no PDF header');
      const plain = await upload(t.svc, t.who.applicant, draft, 'land-use-documents', text, 'title.pdf');
      expectProblem(plain, 415, 'unsupported-media-type');
    });
  });

  it('should refuse a file over the item maxBytes (413), also when the file comes before the code', async () => {
    const { body: catalog } = await t.svc.request('GET', '/api/v1/workflows/construction-permit/materials');
    const limit = catalog.items.find((i: { code: string }) => i.code === 'permit-application-form').maxBytes;
    const big = new Uint8Array(limit + 1);
    big.set(pdfBytes());
    await refusedLeavesNothing(async () => {
      expectProblem(
        await upload(t.svc, t.who.applicant, draft, 'permit-application-form', big),
        413,
        'payload-too-large',
      );
      // The file first, its code after: bounded by the catalog's largest limit, judged at the end.
      const form = new FormData();
      form.append('file', new Blob([big]), 'form.pdf');
      form.append('code', 'permit-application-form');
      const late = await fetch(`${t.svc.baseUrl}${materialsPath(draft)}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t.who.applicant}` },
        body: form,
      });
      expect(late.status).to.equal(413);
    });
  });

  it('should refuse an empty file (422 empty-file)', async () => {
    await refusedLeavesNothing(async () => {
      const response = await upload(
        t.svc,
        t.who.applicant,
        draft,
        'permit-application-form',
        new Uint8Array(),
      );
      expectProblem(response, 422, 'empty-file');
    });
  });

  it('should refuse a body that is neither multipart nor JSON (415), and multipart without a file (400)', async () => {
    await refusedLeavesNothing(async () => {
      const text = await t.svc.request('POST', materialsPath(draft), {
        token: t.who.applicant,
        rawBody: 'code=x',
        headers: { 'content-type': 'text/plain' },
      });
      expectProblem(text, 415, 'unsupported-media-type');
      const form = new FormData();
      form.append('code', 'permit-application-form');
      const noFile = await fetch(`${t.svc.baseUrl}${materialsPath(draft)}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t.who.applicant}` },
        body: form,
      });
      expect(noFile.status).to.equal(400);
    });
  });

  it('should refuse clerks, auditors and other enterprises (403, 404)', async () => {
    await refusedLeavesNothing(async () => {
      const clerk = await upload(t.svc, t.who.clerk('window'), draft, 'permit-application-form', pdfBytes());
      expect(clerk.status).to.equal(404);
      expectProblem(
        await upload(t.svc, t.who.auditor, draft, 'permit-application-form', pdfBytes()),
        403,
        'forbidden',
      );
      const other = await upload(t.svc, t.who.otherApplicant, draft, 'permit-application-form', pdfBytes());
      expectProblem(other, 404, 'not-found');
    });
  });

  it('should refuse an upload while the case is under review and nothing is asked for (409)', async () => {
    const id = await createDraft(t.svc, t.who.applicant, constructionPermitApplication());
    await sendOk(t.svc, t.who.applicant, id, { type: 'SUBMIT' });
    await sendOk(t.svc, t.who.clerk('window'), id, { type: 'ACCEPT' });
    await refusedLeavesNothing(async () => {
      const response = await upload(t.svc, t.who.applicant, id, 'permit-application-form', pdfBytes('late'));
      expectProblem(response, 409, 'event-not-allowed');
    });
  });

  it('should store an accepted upload once, with its hash, size, sniffed type and a safe name', async () => {
    const bytes = pdfBytes('the application form');
    const response = await upload(
      t.svc,
      t.who.applicant,
      draft,
      'permit-application-form',
      bytes,
      '../../etc/申请表\u202e.pdf',
      'image/png',
    );
    expect(response.status, JSON.stringify(response.body)).to.equal(201);
    const expected = (await import('node:crypto')).createHash('sha256').update(bytes).digest('hex');
    expect(response.body).to.include({
      code: 'permit-application-form',
      fileName: '申请表.pdf',
      mediaType: 'application/pdf',
      bytes: bytes.length,
      sha256: expected,
      uploadedBy: 'ent-user',
    });
    expect(response.headers.get('location')).to.equal(materialsPath(draft, `/${response.body.id}`));
    const before = await stored();
    // The same bytes again, under another code: a second row, the same single blob.
    await uploadOk(t.svc, t.who.applicant, draft, 'contractor-award', bytes);
    const after = await stored();
    expect(after).to.deep.include({ rows: before.rows + 1, blobs: before.blobs, temp: 0 });
  });
});
