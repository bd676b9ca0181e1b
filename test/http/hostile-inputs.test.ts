import { expect } from 'chai';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import { permitHistoryEvents, permitHistoryLine } from '../fixtures/permit-history.ts';
import { HOSTILE, NUL, type Cases } from '../fixtures/hostile-requests.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { ENTERPRISE, OTHER_ENTERPRISE } from '../support/harness.ts';
import { ndjson, parseNdjson, rowCounts } from '../support/import.ts';
import {
  acceptedCase,
  casePath as app,
  createDraft,
  expectProblem,
  people,
  sendOk,
  startTestService,
  type TestService,
} from '../support/http.ts';
import { licensedCompletionApplication } from '../support/licences.ts';

/** Everything a hostile request could have changed: rows per table and the sum of case versions. */
async function fingerprint(svc: TestService): Promise<Record<string, number>> {
  const { knex } = svc.service.db;
  const counts = await rowCounts(svc.service.db);
  for (const table of ['fees', 'inspections', 'delegations', 'idempotency_keys']) {
    const row = await knex(table).count({ n: '*' }).first();
    counts[table] = Number(row?.n ?? 0);
  }
  const versions = await knex('applications').sum({ v: 'version' }).first();
  counts.versions = Number(versions?.v ?? 0);
  return counts;
}

describeEachDatabase('http/hostile-inputs', (kind) => {
  let svc: TestService;
  const t = {} as Cases;

  before(async () => {
    svc = await startTestService(kind);
    t.who = people(svc, ENTERPRISE, OTHER_ENTERPRISE);
    t.admin = svc.token({ sub: 'admin-1', role: 'admin' });
    t.draft = await createDraft(svc, t.who.applicant, constructionPermitApplication());
    t.submitted = await createDraft(svc, t.who.applicant, constructionPermitApplication());
    await sendOk(svc, t.who.applicant, t.submitted, { type: 'SUBMIT' });
    t.inReview = await acceptedCase(svc, t.who, constructionPermitApplication());
    t.completion = await acceptedCase(svc, t.who, await licensedCompletionApplication(svc, t.who));
    const fee = await svc.request('POST', app(t.completion, '/fees'), {
      token: t.who.clerk('window'),
      body: { code: 'extra-certificate', quantity: 1 },
    });
    expect(fee.status, JSON.stringify(fee.body)).to.equal(201);
    const inspection = await svc.request('POST', app(t.completion, '/inspections'), {
      token: t.who.clerk('planning'),
      body: { code: 'planning-verification', scheduledAt: '2026-03-04T09:30:00+08:00' },
    });
    expect(inspection.status, JSON.stringify(inspection.body)).to.equal(201);
  });

  after(async () => {
    await svc?.close();
  });

  async function verified(id: string) {
    const response = await svc.request('GET', app(id, '/verify'), { token: t.admin });
    expect(response.status).to.equal(200);
    return response.body;
  }

  for (const hostile of HOSTILE) {
    it(`should refuse ${hostile.name} with ${hostile.status} and change nothing`, async () => {
      const before = await fingerprint(svc);
      const response = await svc.request(hostile.method, hostile.path(t), {
        token: hostile.as(t),
        ...hostile.options?.(t),
      });
      expectProblem(response, hostile.status, hostile.type);
      if (hostile.pointer) {
        expect(response.body.errors?.map((e: { pointer: string }) => e.pointer)).to.include(hostile.pointer);
      }
      expect(await fingerprint(svc)).to.deep.equal(before);
      for (const id of [t.draft, t.submitted, t.inReview, t.completion]) {
        expect(await verified(id), id).to.include({ ok: true });
      }
    });
  }

  it('should refuse import lines with hostile text or implausible times by line number, and import the others', async () => {
    const good = permitHistoryLine();
    const nul = permitHistoryLine();
    nul.events[2]!.comment = NUL;
    const ahead = permitHistoryLine(
      permitHistoryEvents().map((e, i) => (i === 0 ? e : { ...e, at: e.at.replace('2025', '2040') })),
    );
    const ancient = permitHistoryLine(
      permitHistoryEvents().map((e) => ({ ...e, at: e.at.replace('2025', '1970') })),
    );
    const deep = `{"workflow":"construction-permit","form":${'['.repeat(40)}${']'.repeat(40)}}`;
    const before = await fingerprint(svc);
    const response = await svc.request('POST', '/api/v1/admin/import', {
      token: t.admin,
      rawBody: ndjson([nul, ahead, deep, ancient, good]),
      headers: { 'content-type': 'application/x-ndjson' },
    });
    expect(response.status).to.equal(200);
    const lines = parseNdjson(response.body);
    expect(lines.map((l) => [l.line, l.ok])).to.deep.equal([
      [1, false],
      [2, false],
      [3, false],
      [4, false],
      [5, true],
    ]);
    expect(lines[0].error).to.include({ type: 'malformed-request', pointer: '/events/2/comment' });
    expect(lines[1].error).to.include({ type: 'validation-failed' });
    expect(lines[1].error.pointer).to.match(/^\/events\/\d+\/at$/);
    expect(lines[2].error).to.include({ type: 'malformed-request' });
    expect(lines[3].error).to.include({ type: 'validation-failed', pointer: '/events/0/at' });
    const after = await fingerprint(svc);
    // The imported case, and the licence its ISSUE produced.
    expect(after.applications).to.equal(before.applications + 2);
    expect(await verified(lines[4].id)).to.include({ ok: true });
  });

  it('should answer ok: false for a case with no audit records', async () => {
    const id = await createDraft(svc, t.who.applicant, constructionPermitApplication());
    expect(await verified(id)).to.include({ ok: true });
    await svc.service.db.knex('audit_events').where({ application_id: id }).del();
    const body = await verified(id);
    expect(body).to.include({ ok: false, checked: 0 });
  });
});
