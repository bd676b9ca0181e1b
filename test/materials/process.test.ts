import { expect } from 'chai';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { casePath, createDraft, expectProblem, pointers, sendEvent, sendOk } from '../support/http.ts';
import { handInRequired, materialsPath, pdfBytes, upload, uploadOk } from '../support/materials.ts';
import { withService } from '../support/with-service.ts';

/** The papers of the example that may follow under a pledge (db/seeds/materials.json). */
const PLEDGEABLE = [
  'site-readiness-statement',
  'quality-safety-measures',
  'funding-commitment',
  'land-survey-report',
];

describeEachDatabase('materials/process', (kind) => {
  const t = withService(kind);
  const submitRaw = (id: string) =>
    t.svc.request('POST', casePath(id, '/events'), { token: t.who.applicant, body: { type: 'SUBMIT' } });
  const view = async (id: string, token = t.who.applicant) =>
    (await t.svc.request('GET', casePath(id), { token })).body;
  const history = async (id: string) =>
    (await t.svc.request('GET', casePath(id, '/history'), { token: t.who.auditor })).body.items as Array<{
      type: string;
      data: Record<string, unknown> | null;
    }>;
  const statusOf = async (id: string, code: string) =>
    (await view(id)).requiredMaterials.find((i: { code: string }) => i.code === code)?.status;

  it('should refuse SUBMIT with the missing non-pledgeable papers listed, and take it once they are in', async () => {
    const id = await createDraft(t.svc, t.who.applicant, constructionPermitApplication());
    const refused = await submitRaw(id);
    expectProblem(refused, 422, 'materials-missing');
    expect(refused.body.missing).to.include.members(['permit-application-form', 'fire-design-documents']);
    expect(refused.body.missing).to.not.include.members(PLEDGEABLE);
    expect(refused.body.missing).to.not.include('environmental-report-book');
    expect(await statusOf(id, 'permit-application-form')).to.equal('missing');

    await handInRequired(t.svc, t.who.applicant, id, PLEDGEABLE);
    const submitted = await submitRaw(id);
    expect(submitted.status, JSON.stringify(submitted.body)).to.equal(200);
    expect(await statusOf(id, 'permit-application-form')).to.equal('provided');
    const submit = (await history(id)).find((r) => r.type === 'SUBMIT')!;
    expect(submit.data).to.include({ materialCatalogVersion: 1 });
  });

  it('should pledge only missing pledgeable papers, and fulfil the pledge by uploading them', async () => {
    const id = await createDraft(t.svc, t.who.applicant, constructionPermitApplication());
    await handInRequired(t.svc, t.who.applicant, id, PLEDGEABLE);
    expect((await submitRaw(id)).status).to.equal(200);
    const window = t.who.clerk('window');

    expectProblem(await sendEvent(t.svc, window, id, { type: 'ACCEPT' }), 422, 'materials-missing');
    const wrong = await sendEvent(t.svc, window, id, {
      type: 'ACCEPT_WITH_DEFICIENCIES',
      data: {
        items: ['permit-application-form', 'no-such-paper', 'land-survey-report'],
        pledgeDate: '2026-03-20',
      },
    });
    expectProblem(wrong, 422, 'validation-failed');
    expect(pointers(wrong)).to.deep.equal(['/data/items/0', '/data/items/1']);
    const partial = await sendEvent(t.svc, window, id, {
      type: 'ACCEPT_WITH_DEFICIENCIES',
      data: { items: ['land-survey-report'], pledgeDate: '2026-03-20' },
    });
    expectProblem(partial, 422, 'materials-missing');
    expect(partial.body.missing).to.have.members(PLEDGEABLE.filter((c) => c !== 'land-survey-report'));

    await sendOk(t.svc, window, id, {
      type: 'ACCEPT_WITH_DEFICIENCIES',
      data: { items: PLEDGEABLE, pledgeDate: '2026-03-20' },
    });
    const timers = () =>
      t.svc.service.db.knex('timers').where({ application_id: id, timer_key: 'pledge-due' });
    expect(await timers()).to.have.length(1);
    expect(await statusOf(id, 'land-survey-report')).to.equal('pledged');

    // Only the pledged papers are taken now.
    expectProblem(
      await upload(t.svc, t.who.applicant, id, 'permit-application-form', pdfBytes('x')),
      409,
      'event-not-allowed',
    );
    for (const code of PLEDGEABLE.slice(0, -1)) await uploadOk(t.svc, t.who.applicant, id, code);
    expect(await timers()).to.have.length(1);
    await uploadOk(t.svc, t.who.applicant, id, PLEDGEABLE.at(-1)!);

    expect(await timers()).to.have.length(0);
    const records = await history(id);
    expect(records.at(-1)).to.deep.include({ type: 'SUPPLEMENT', data: { pledgeFulfilled: PLEDGEABLE } });
    expect(records.at(-2)!.type).to.equal('MATERIAL_ADDED');
    const after = await view(id);
    expect(after.state.accepted.review.deficiencies).to.equal('delivered');
    expect(await statusOf(id, 'land-survey-report')).to.equal('provided');
  });

  it('should hold SUPPLEMENT until each paper a request names is handed in again, and take a form correction', async () => {
    const id = await createDraft(t.svc, t.who.applicant, constructionPermitApplication());
    await sendOk(t.svc, t.who.applicant, id, { type: 'SUBMIT' });
    await sendOk(t.svc, t.who.clerk('window'), id, { type: 'ACCEPT' });
    const planning = t.who.clerk('planning');

    const unknown = await sendEvent(t.svc, planning, id, {
      type: 'REQUEST_SUPPLEMENT',
      department: 'planning',
      comment: 'drawings',
      data: { materials: [{ code: 'no-such-paper', reason: 'x' }] },
    });
    expectProblem(unknown, 422, 'validation-failed');
    expect(pointers(unknown)).to.deep.equal(['/data/materials/0/code']);

    await sendOk(t.svc, planning, id, {
      type: 'REQUEST_SUPPLEMENT',
      department: 'planning',
      comment: 'The site plan must show the fire access road.',
      data: { materials: [{ code: 'construction-drawings', reason: 'the fire access road is missing' }] },
    });
    expect(await statusOf(id, 'construction-drawings')).to.equal('requested');
    // The drawings handed in before the request do not answer it.
    const held = await sendEvent(t.svc, t.who.applicant, id, { type: 'SUPPLEMENT' });
    expectProblem(held, 422, 'materials-missing');
    expect(held.body.missing).to.deep.equal(['construction-drawings']);

    const corrected = await t.svc.request('PATCH', casePath(id), {
      token: t.who.applicant,
      body: { form: { storeys: 5 } },
    });
    expect(corrected.status, JSON.stringify(corrected.body)).to.equal(200);
    expect(corrected.body.form.storeys).to.equal(5);
    const invalid = await t.svc.request('PATCH', casePath(id), {
      token: t.who.applicant,
      body: { form: { floorAreaM2: null } },
    });
    expectProblem(invalid, 422, 'validation-failed');

    await uploadOk(t.svc, t.who.applicant, id, 'construction-drawings', pdfBytes('drawings, revised'));
    expect(await statusOf(id, 'construction-drawings')).to.equal('provided');
    await sendOk(t.svc, t.who.applicant, id, { type: 'SUPPLEMENT' });
    const types = (await history(id)).map((r) => r.type);
    expect(types.slice(-4)).to.deep.equal([
      'REQUEST_SUPPLEMENT',
      'CORRECT_FORM',
      'MATERIAL_ADDED',
      'SUPPLEMENT',
    ]);
    // Under review again: nothing more is taken.
    expectProblem(
      await upload(t.svc, t.who.applicant, id, 'construction-drawings', pdfBytes('z')),
      409,
      'event-not-allowed',
    );
    const patched = await t.svc.request('PATCH', casePath(id), {
      token: t.who.applicant,
      body: { form: { storeys: 6 } },
    });
    expectProblem(patched, 409, 'event-not-allowed');
  });

  it('should hold a second supplement only for what the second request names, the first round answered', async () => {
    const id = await createDraft(t.svc, t.who.applicant, constructionPermitApplication());
    await sendOk(t.svc, t.who.applicant, id, { type: 'SUBMIT' });
    await sendOk(t.svc, t.who.clerk('window'), id, { type: 'ACCEPT' });
    const ask = (department: string, code: string) =>
      sendOk(t.svc, t.who.clerk(department), id, {
        type: 'REQUEST_SUPPLEMENT',
        department,
        comment: `${code} again`,
        data: { materials: [{ code, reason: 'unclear' }] },
      });
    await ask('planning', 'construction-drawings');
    await uploadOk(t.svc, t.who.applicant, id, 'construction-drawings', pdfBytes('drawings, revised'));
    await sendOk(t.svc, t.who.applicant, id, { type: 'SUPPLEMENT' });

    await ask('fire', 'fire-design-documents');
    expect(await statusOf(id, 'construction-drawings')).to.equal('provided');
    expect(await statusOf(id, 'fire-design-documents')).to.equal('requested');
    const held = await sendEvent(t.svc, t.who.applicant, id, { type: 'SUPPLEMENT' });
    expectProblem(held, 422, 'materials-missing');
    expect(held.body.missing).to.deep.equal(['fire-design-documents']);
    await uploadOk(t.svc, t.who.applicant, id, 'fire-design-documents', pdfBytes('fire design, revised'));
    await sendOk(t.svc, t.who.applicant, id, { type: 'SUPPLEMENT' });
    expect(await statusOf(id, 'fire-design-documents')).to.equal('provided');
  });

  it('should reuse a material of the same enterprise without a copy, and refuse another enterprise', async () => {
    const first = await createDraft(t.svc, t.who.applicant, constructionPermitApplication());
    const original = await uploadOk(
      t.svc,
      t.who.applicant,
      first,
      'planning-permit',
      pdfBytes('planning permit'),
    );
    const second = await createDraft(t.svc, t.who.applicant, constructionPermitApplication());
    const blobs = async () => (await t.svc.service.blobs.storedBefore(new Date('2100-01-01'))).length;
    const before = await blobs();
    const reused = await t.svc.request('POST', materialsPath(second), {
      token: t.who.applicant,
      body: { code: 'planning-permit', reuse: original.id },
    });
    expect(reused.status, JSON.stringify(reused.body)).to.equal(201);
    expect(reused.body).to.deep.include({
      sha256: original.sha256,
      bytes: original.bytes,
      reusedFrom: { applicationId: first, materialId: original.id },
    });
    expect(await blobs()).to.equal(before);
    const record = (await history(second)).at(-1)!;
    expect(record).to.deep.include({ type: 'MATERIAL_ADDED' });
    expect(record.data).to.deep.include({
      sha256: original.sha256,
      reusedFrom: { applicationId: first, materialId: original.id },
    });

    const other = await createDraft(t.svc, t.who.otherApplicant, constructionPermitApplication());
    const refused = await t.svc.request('POST', materialsPath(other), {
      token: t.who.otherApplicant,
      body: { code: 'planning-permit', reuse: original.id },
    });
    expectProblem(refused, 422, 'validation-failed');
    expect(pointers(refused)).to.deep.equal(['/reuse']);
    expect(
      (await t.svc.request('GET', materialsPath(other), { token: t.who.otherApplicant })).body.items,
    ).to.deep.equal([]);
  });

  it('should refuse citing a licence that is not issued, or for an item that takes none', async () => {
    const id = await createDraft(t.svc, t.who.applicant, constructionPermitApplication());
    const unknown = await t.svc.request('POST', materialsPath(id), {
      token: t.who.applicant,
      body: { code: 'planning-permit', licence: 'JSGH-2026-000123' },
    });
    expectProblem(unknown, 422, 'licence-not-found');
    const none = await t.svc.request('POST', materialsPath(id), {
      token: t.who.applicant,
      body: { code: 'permit-application-form', licence: 'JSGH-2026-000123' },
    });
    expectProblem(none, 422, 'validation-failed');
    expect(pointers(none)).to.deep.equal(['/licence']);
  });

  it('should remove a material while the case takes it, on the record, and not afterwards', async () => {
    const id = await createDraft(t.svc, t.who.applicant, constructionPermitApplication());
    const material = await uploadOk(t.svc, t.who.applicant, id, 'funding-commitment');
    const removed = await t.svc.request('DELETE', materialsPath(id, `/${material.id}`), {
      token: t.who.applicant,
    });
    expect(removed.status).to.equal(204);
    const record = (await history(id)).at(-1)!;
    expect(record).to.deep.include({ type: 'MATERIAL_REMOVED' });
    expect(record.data).to.include({
      code: 'funding-commitment',
      sha256: material.sha256,
      bytes: material.bytes,
    });
    expectProblem(
      await t.svc.request('GET', materialsPath(id, `/${material.id}`), { token: t.who.applicant }),
      404,
      'not-found',
    );
    const kept = await uploadOk(t.svc, t.who.applicant, id, 'funding-commitment');
    await sendOk(t.svc, t.who.applicant, id, { type: 'SUBMIT' });
    const late = await t.svc.request('DELETE', materialsPath(id, `/${kept.id}`), { token: t.who.applicant });
    expectProblem(late, 409, 'event-not-allowed');
  });
});
