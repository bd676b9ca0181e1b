import { expect } from 'chai';
import type { HistoricalEvent } from '../../src/import/index.ts';
import {
  HISTORY_ENTERPRISE,
  PERMIT_HISTORY_TIMING,
  permitHistoryEvents,
  permitHistoryLine,
} from '../fixtures/permit-history.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { ndjson, parseNdjson, rowCounts } from '../support/import.ts';
import {
  createDraft,
  people,
  sendOk,
  startTestService,
  type People,
  type TestService,
} from '../support/http.ts';

const IMPORT = '/api/v1/admin/import';
const NDJSON = 'application/x-ndjson';
/** After every history: what "now" is for the open parts of the answers. */
const NOW = '2026-03-02T09:00:00+08:00';

const clerk = (department: string) =>
  ({ sub: `clerk-${department}`, role: 'clerk', org: department }) as const;

describeEachDatabase('http/import', (kind) => {
  let svc: TestService;
  let who: People;
  let admin = '';
  before(async () => {
    svc = await startTestService(kind, NOW);
    who = people(svc, HISTORY_ENTERPRISE, '91310110666007217T');
    admin = svc.token({ sub: 'admin-1', role: 'admin' });
  });
  after(async () => {
    await svc?.close();
  });

  const post = (body: string, token = admin, headers: Record<string, string> = {}) =>
    svc.request('POST', IMPORT, { token, rawBody: body, headers: { 'content-type': NDJSON, ...headers } });
  const get = (id: string) => svc.request('GET', `/api/v1/applications/${id}`, { token: who.auditor });

  describe('a real history', () => {
    let id = '';

    it('should answer one NDJSON line with the new case', async () => {
      const response = await post(ndjson([permitHistoryLine()]));
      expect(response.status).to.equal(200);
      expect(response.headers.get('content-type')).to.match(/^application\/x-ndjson/);
      const [result, ...rest] = parseNdjson(response.body);
      expect(rest).to.deep.equal([]);
      expect(result).to.include({ line: 1, ok: true });
      id = result.id;
    });

    it('should show the timing computed by hand from the official calendar', async () => {
      const detail = await get(id);
      expect(detail.status).to.equal(200);
      expect(detail.body).to.include({
        status: 'approved',
        submittedAt: '2025-09-22T01:00:00.000Z',
        acceptedAt: '2025-09-24T02:00:00.000Z',
        concludedAt: '2025-10-17T02:00:00.000Z',
        acceptanceDeemed: false,
      });
      expect(detail.body.timing).to.deep.equal({
        ...PERMIT_HISTORY_TIMING,
        acceptedAt: '2025-09-24T02:00:00.000Z',
        acceptanceDeemed: false,
      });
      expect(detail.body.tasks.every((t: { status: string }) => t.status === 'closed')).to.equal(true);
    });

    it('should store the net working days for the metrics', async () => {
      const row = await svc.service.db.knex('applications').where({ id }).first();
      expect(Number(row.net_working_days)).to.equal(PERMIT_HISTORY_TIMING.netWorkingDays);
      expect(row.concluded_month).to.equal('2025-10');
    });

    it('should keep a history that starts with CREATE at the first event and a chain that verifies', async () => {
      const history = await svc.request('GET', `/api/v1/applications/${id}/history`, { token: admin });
      expect(history.body.items[0]).to.deep.include({
        seq: 1,
        type: 'CREATE',
        at: '2025-09-22T01:00:00.000Z',
        actor: { sub: 'ent-user', role: 'applicant', org: HISTORY_ENTERPRISE },
      });
      expect(history.body.items).to.have.length(11);
      const view = await svc.request('GET', `/api/v1/applications/${id}`, { token: admin });
      expect(view.body).to.deep.include({ materialsOnPaper: true, requiredMaterials: [] });
      const verify = await svc.request('GET', `/api/v1/applications/${id}/verify`, { token: admin });
      expect(verify.body).to.deep.equal({ ok: true, checked: 11, materials: { checked: 0, mismatched: [] } });
    });

    it('should equal the timing of the same events sent live', async () => {
      const events = permitHistoryEvents();
      const tokenOf = (event: HistoricalEvent) =>
        event.actor.role === 'applicant' ? who.applicant : who.clerk(event.actor.org!);
      svc.clock.set(events[0]!.at);
      const { workflow, project, form } = permitHistoryLine();
      const live = await createDraft(svc, who.applicant, { workflow, project, form });
      for (const event of events) {
        svc.clock.set(event.at);
        const { type, department, comment } = event;
        await sendOk(svc, tokenOf(event), live, { type, department, comment });
      }
      svc.clock.set(NOW);
      const [imported, sentLive] = [(await get(id)).body, (await get(live)).body];
      expect(imported.timing).to.deep.equal(sentLive.timing);
      const tasks = (body: { tasks: Array<Record<string, unknown>> }) =>
        body.tasks.map(({ id: _id, applicationId: _app, ...task }) => task);
      expect(tasks(imported)).to.deep.equal(tasks(sentLive));
      const stored = await svc.service.db
        .knex('applications')
        .whereIn('id', [id, live])
        .select('working_days', 'net_working_days', 'on_time', 'due_at');
      expect(stored[0]).to.deep.equal(stored[1]);
    });
  });

  describe('refused lines', () => {
    it('should refuse APPROVE before ACCEPT with its line and reason, and leave no row at all', async () => {
      const before = await rowCounts(svc.service.db);
      const events = permitHistoryEvents();
      events.splice(1, 0, {
        at: '2025-09-23T10:00:00+08:00',
        type: 'APPROVE',
        actor: clerk('housing'),
        department: 'housing',
      });
      const response = await post(ndjson(['', permitHistoryLine(events)]));
      expect(response.status).to.equal(200);
      const [result] = parseNdjson(response.body);
      expect(result).to.deep.include({ line: 2, ok: false });
      expect(result.error.type).to.equal('event-not-allowed');
      expect(result.error.detail).to.include('APPROVE is not allowed while the case is submitted');
      expect(await rowCounts(svc.service.db)).to.deep.equal(before);
    });

    it('should import the good lines of a mixed file and say why each bad one was refused', async () => {
      const before = await rowCounts(svc.service.db);
      const outOfOrder = permitHistoryEvents();
      outOfOrder[2]!.at = '2025-09-23T10:00:00+08:00';
      const applicantAccepts = permitHistoryEvents();
      applicantAccepts[1]!.actor = { sub: 'ent-user', role: 'applicant', org: HISTORY_ENTERPRISE };
      const response = await post(
        ndjson([
          permitHistoryLine(),
          '{"workflow": "construction-permit", "events": [',
          permitHistoryLine(outOfOrder),
          permitHistoryLine(applicantAccepts),
          permitHistoryLine(),
        ]),
      );
      const results = parseNdjson(response.body);
      expect(results.map((r) => [r.line, r.ok, r.error?.type ?? null])).to.deep.equal([
        [1, true, null],
        [2, false, 'malformed-request'],
        [3, false, 'invalid-history'],
        [4, false, 'forbidden'],
        [5, true, null],
      ]);
      expect(results[3].error.detail).to.include("ACCEPT is not an applicant's event");
      const after = await rowCounts(svc.service.db);
      expect(after.applications - before.applications).to.equal(2);
      for (const { id } of [results[0], results[4]]) expect((await get(id)).body.status).to.equal('approved');
    });
  });

  describe('the request', () => {
    it('should be for administrators only', async () => {
      const body = ndjson([permitHistoryLine()]);
      expect((await post(body, '')).status).to.equal(401);
      for (const token of [who.applicant, who.clerk('window'), who.auditor]) {
        const response = await post(body, token);
        expect(response.status).to.equal(403);
        expect(response.body.type).to.equal('forbidden');
      }
    });

    it('should take NDJSON only', async () => {
      const before = await rowCounts(svc.service.db);
      for (const type of ['application/json', 'text/plain']) {
        const response = await post(JSON.stringify(permitHistoryLine()), admin, { 'content-type': type });
        expect(response.status).to.equal(415);
        expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
        expect(response.body.type).to.equal('unsupported-media-type');
      }
      expect(await rowCounts(svc.service.db)).to.deep.equal(before);
    });

    it('should refuse a body over 64 MiB', async () => {
      const body = new Uint8Array(64 * 1024 * 1024 + 1).fill(0x20);
      const response = await svc.request('POST', IMPORT, {
        token: admin,
        rawBody: body,
        headers: { 'content-type': NDJSON },
      });
      expect(response.status).to.equal(413);
      expect(response.body.type).to.equal('payload-too-large');
    });

    it('should answer a repeated Idempotency-Key with the first answer and import nothing again', async () => {
      const body = ndjson([permitHistoryLine()]);
      const headers = { 'idempotency-key': 'import-2025-batch-1' };
      const first = await post(body, admin, headers);
      const before = await rowCounts(svc.service.db);
      const again = await post(body, admin, headers);
      expect(again.status).to.equal(200);
      expect(again.headers.get('idempotent-replayed')).to.equal('true');
      expect(again.headers.get('content-type')).to.match(/^application\/x-ndjson/);
      expect(again.body).to.equal(first.body);
      expect(await rowCounts(svc.service.db)).to.deep.equal(before);
    });
  });
});
