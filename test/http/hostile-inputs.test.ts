import { expect } from 'chai';
import { completionAcceptanceApplication } from '../fixtures/completion-acceptance.ts';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import { permitHistoryEvents, permitHistoryLine } from '../fixtures/permit-history.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { ENTERPRISE, OTHER_ENTERPRISE } from '../support/harness.ts';
import { ndjson, parseNdjson, rowCounts } from '../support/import.ts';
import {
  acceptedCase,
  createDraft,
  expectProblem,
  people,
  sendOk,
  startTestService,
  type People,
  type RequestOptions,
  type TestService,
} from '../support/http.ts';

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

/** A JSON text nested `depth` levels deep under `form.deep`. */
function nested(depth: number): string {
  return `{"workflow":"construction-permit","project":{"name":"Deep"},"form":{"deep":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
}

const base64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** One hostile request: what to send, as whom, and the refusal it must get. */
interface Hostile {
  name: string;
  method: string;
  path: (t: Cases) => string;
  as: (t: Cases) => string;
  options?: (t: Cases) => RequestOptions;
  status: number;
  type: string;
  /** The pointer the refusal must name, when there is one. */
  pointer?: string;
}

interface Cases {
  who: People;
  admin: string;
  draft: string;
  submitted: string;
  inReview: string;
  completion: string;
}

const app = (id: string, rest = '') => `/api/v1/applications/${id}${rest}`;
const LONE = 'half a pair: \ud800 here';
const NUL = 'nul \u0000 here';

const HOSTILE: Hostile[] = [
  {
    name: 'a draft nested 3,700 levels deep',
    method: 'POST',
    path: () => '/api/v1/applications',
    as: (t) => t.who.applicant,
    options: () => ({ rawBody: nested(3700) }),
    status: 400,
    type: 'malformed-request',
  },
  {
    name: 'a draft nested 33 levels deep (one past the limit)',
    method: 'POST',
    path: () => '/api/v1/applications',
    as: (t) => t.who.applicant,
    // The root object is level 1, form level 2, deep level 3: 31 arrays make 33 levels.
    options: () => ({ rawBody: nested(31) }),
    status: 400,
    type: 'malformed-request',
  },
  {
    name: 'a comment with a lone surrogate',
    method: 'POST',
    path: (t) => app(t.inReview, '/events'),
    as: (t) => t.who.clerk('planning'),
    options: () => ({ body: { type: 'REQUEST_SUPPLEMENT', department: 'planning', comment: LONE } }),
    status: 400,
    type: 'malformed-request',
    pointer: '/comment',
  },
  {
    name: 'a comment with a NUL',
    method: 'POST',
    path: (t) => app(t.inReview, '/events'),
    as: (t) => t.who.clerk('planning'),
    options: () => ({ body: { type: 'DENY', department: 'planning', comment: NUL } }),
    status: 400,
    type: 'malformed-request',
    pointer: '/comment',
  },
  {
    name: 'a form string with a NUL in a PATCH',
    method: 'PATCH',
    path: (t) => app(t.draft),
    as: (t) => t.who.applicant,
    options: () => ({ body: { form: { landUse: NUL } } }),
    status: 400,
    type: 'malformed-request',
    pointer: '/form/landUse',
  },
  {
    name: 'a form member name with a lone surrogate in a new draft',
    method: 'POST',
    path: () => '/api/v1/applications',
    as: (t) => t.who.applicant,
    options: () => ({
      body: { workflow: 'construction-permit', project: { name: 'P' }, form: { ['\udc00x']: 1 } },
    }),
    status: 400,
    type: 'malformed-request',
    pointer: '/form/\udc00x',
  },
  {
    name: 'a waiver reason with a NUL',
    method: 'POST',
    path: (t) => app(t.completion, '/fees/1/waive'),
    as: (t) => t.who.clerk('window'),
    options: () => ({ body: { reason: NUL } }),
    status: 400,
    type: 'malformed-request',
    pointer: '/reason',
  },
  {
    name: 'inspection findings with a lone surrogate',
    method: 'POST',
    path: (t) => app(t.completion, '/inspections/1/result'),
    as: (t) => t.who.clerk('planning'),
    options: () => ({ body: { result: 'fail', findings: LONE } }),
    status: 400,
    type: 'malformed-request',
    pointer: '/findings',
  },
  {
    name: 'a body labelled gzip that is not gzip',
    method: 'POST',
    path: () => '/api/v1/applications',
    as: (t) => t.who.applicant,
    options: () => ({
      rawBody: JSON.stringify({ workflow: 'construction-permit', project: { name: 'P' } }),
      headers: { 'content-encoding': 'gzip' },
    }),
    status: 400,
    type: 'malformed-request',
  },
  {
    name: 'a broken percent-escape in the path',
    method: 'GET',
    path: () => '/api/v1/applications/%E0%A4%A',
    as: (t) => t.who.applicant,
    status: 400,
    type: 'malformed-request',
  },
  {
    name: 'a broken percent-escape in a fee path',
    method: 'POST',
    path: (t) => app(t.completion, '/fees/%E0%A4%A/pay'),
    as: (t) => t.who.applicant,
    options: () => ({ body: { paymentRef: 'X' } }),
    status: 400,
    type: 'malformed-request',
  },
  {
    name: 'an inspection id too large for the column',
    method: 'POST',
    path: (t) => app(t.completion, '/inspections/99999999999999/result'),
    as: (t) => t.who.clerk('planning'),
    options: () => ({ body: { result: 'pass' } }),
    status: 404,
    type: 'not-found',
  },
  {
    name: 'a case id with a NUL',
    method: 'GET',
    path: () => '/api/v1/applications/%00',
    as: (t) => t.admin,
    status: 404,
    type: 'not-found',
  },
  {
    name: 'a fee id too large for the column',
    method: 'POST',
    path: (t) => app(t.completion, '/fees/99999999999999/pay'),
    as: (t) => t.who.applicant,
    options: () => ({ body: { paymentRef: 'X' } }),
    status: 404,
    type: 'not-found',
  },
  ...(['/api/v1/applications', '/api/v1/delegations', '/api/v1/tasks'] as const).flatMap((route): Hostile[] =>
    [
      ['garbage', '!!not-base64!!'],
      ['a key that is not a date', base64(['yesterday', '00000000-0000-4000-8000-000000000000'])],
      ['an id that is not a uuid or a number', base64(['2026-03-02T01:00:00.000Z', "x' or 1=1"])],
      ['an id with a NUL', base64(['2026-03-02T01:00:00.000Z', 'a\u0000b'])],
      ['a key with an impossible date', base64(['2026-02-30T01:00:00.000Z', '1'])],
    ].map(([what, cursor]) => ({
      name: `a cursor on ${route} with ${what}`,
      method: 'GET',
      path: () => `${route}?cursor=${encodeURIComponent(cursor!)}`,
      as: (t: Cases) => t.admin,
      status: 400,
      type: 'malformed-request',
      pointer: '/query/cursor',
    })),
  ),
  ...['status', 'workflow', 'department', 'from'].map((name): Hostile => ({
    name: `%00 in the applications filter ${name}`,
    method: 'GET',
    path: () => `/api/v1/applications?${name}=a%00b`,
    as: (t) => t.admin,
    status: 400,
    type: 'malformed-request',
    pointer: `/query/${name}`,
  })),
  {
    name: '%00 in the task filter department',
    method: 'GET',
    path: () => '/api/v1/tasks?department=fire%00',
    as: (t) => t.admin,
    status: 400,
    type: 'malformed-request',
    pointer: '/query/department',
  },
  {
    name: '%00 in the metrics filter workflow',
    method: 'GET',
    path: () => '/api/v1/metrics/approval-times?workflow=construction-permit%00',
    as: (t) => t.admin,
    status: 400,
    type: 'malformed-request',
    pointer: '/query/workflow',
  },
  ...['2026-02-30', '2026-13-01', '0000-01-01', '1999-12-31', '9999-12-31'].flatMap((date): Hostile[] => [
    {
      name: `from=${date} on the applications list`,
      method: 'GET',
      path: () => `/api/v1/applications?from=${date}`,
      as: (t) => t.admin,
      status: 400,
      type: 'malformed-request',
      pointer: '/query/from',
    },
    {
      name: `to=${date} on the approval-time metrics`,
      method: 'GET',
      path: () => `/api/v1/metrics/approval-times?to=${date}`,
      as: (t) => t.admin,
      status: 400,
      type: 'malformed-request',
      pointer: '/query/to',
    },
  ]),
  {
    name: 'a delegation until 9999',
    method: 'POST',
    path: () => '/api/v1/delegations',
    as: (t) => t.who.applicant,
    options: () => ({ body: { expiresAt: '9999-12-31T00:00:00+08:00' } }),
    status: 422,
    type: 'validation-failed',
    pointer: '/expiresAt',
  },
  {
    name: 'a delegation until 30 February',
    method: 'POST',
    path: () => '/api/v1/delegations',
    as: (t) => t.who.applicant,
    options: () => ({ body: { expiresAt: '2026-02-30T00:00:00+08:00' } }),
    status: 400,
    type: 'malformed-request',
    pointer: '/expiresAt',
  },
  {
    name: 'papers pledged for 9999',
    method: 'POST',
    path: (t) => app(t.submitted, '/events'),
    as: (t) => t.who.clerk('window'),
    options: () => ({
      body: { type: 'ACCEPT_WITH_DEFICIENCIES', data: { items: ['site plan'], pledgeDate: '9999-12-31' } },
    }),
    status: 422,
    type: 'validation-failed',
    pointer: '/data/pledgeDate',
  },
  {
    name: 'an inspection scheduled in year 9999',
    method: 'POST',
    path: (t) => app(t.completion, '/inspections'),
    as: (t) => t.who.clerk('planning'),
    options: () => ({ body: { code: 'planning-verification', scheduledAt: '9999-03-04T09:30:00+08:00' } }),
    status: 422,
    type: 'validation-failed',
    pointer: '/scheduledAt',
  },
];

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
    t.completion = await acceptedCase(svc, t.who, completionAcceptanceApplication());
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
    expect(after.applications).to.equal(before.applications + 1);
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
