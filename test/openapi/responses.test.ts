import { expect } from 'chai';
import { loadReferenceCalendar } from '../../src/calendar/reference-data.ts';
import { API_ROUTES as ROUTES } from '../../src/app.ts';
import { buildOpenApi } from '../../src/openapi/index.ts';
import { exampleInspections } from '../fixtures/completion-acceptance.ts';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import { permitHistoryLine } from '../fixtures/permit-history.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { agentToken } from '../support/delegation.ts';
import { ENTERPRISE, OTHER_ENTERPRISE } from '../support/harness.ts';
import {
  acceptedCase,
  approveAll,
  people,
  startTestService,
  type People,
  type RequestOptions,
  type TestResponse,
  type TestService,
} from '../support/http.ts';
import { ndjson } from '../support/import.ts';
import { handInRequired, pdfBytes, upload, uploadOk } from '../support/materials.ts';
import { conformance, DocumentSchemas, operationOf } from './support.ts';
import { issuedPermitLicence, licensedCompletionApplication } from '../support/licences.ts';

/**
 * The answers of the running service match the response schemas of the document: a permit carried from filing
 * to issue, a completion case with fees and inspections, proxy handling, the auditor's figures, the import,
 * and refusals. Every operation is called at least once with its documented success status.
 */
describeEachDatabase('openapi/responses', (kind) => {
  const { document } = buildOpenApi(ROUTES);
  const schemas = new DocumentSchemas(document);
  const answered = new Set<string>();
  let svc: TestService;
  let who: People;
  let admin = '';
  let agent = '';

  before(async () => {
    svc = await startTestService(kind, undefined, { developmentSecret: true });
    who = people(svc, ENTERPRISE, OTHER_ENTERPRISE);
    admin = svc.token({ sub: 'admin-1', role: 'admin' });
    agent = agentToken(svc, 'agent-1');
  });
  after(async () => {
    await svc?.close();
  });

  /** Calls the route of `template` (filled from `params`), expects `status`, and checks the answer against the document. */
  async function call(
    method: string,
    template: string,
    params: Record<string, string | number>,
    status: number,
    options: RequestOptions = {},
    query = '',
  ): Promise<TestResponse> {
    const url = template.replace(/\{(\w+)\}/g, (_m, name: string) => String(params[name]));
    const response = await svc.request(method, `${url}${query}`, options);
    expect(response.status, `${method} ${url}: ${JSON.stringify(response.body)}`).to.equal(status);
    expect(conformance(schemas, method, template, response)).to.deep.equal([]);
    if (status < 300) answered.add(operationOf(document, method, template).operationId);
    return response;
  }

  it('should match for a construction permit from filing to issue', async () => {
    await call('GET', '/api/v1/workflows', {}, 200);
    await call('GET', '/api/v1/workflows/{id}', { id: 'construction-permit' }, 200);
    await call('GET', '/api/v1/workflows/{id}', { id: 'completion-acceptance' }, 200);
    await call('GET', '/api/v1/workflows/{id}/diagram', { id: 'construction-permit' }, 200);
    await call('GET', '/api/v1/workflows/{id}', { id: 'no-such-workflow' }, 404);

    const body = constructionPermitApplication();
    const create = { token: who.applicant, body, headers: { 'idempotency-key': 'create-1' } };
    const created = await call('POST', '/api/v1/applications', {}, 201, create);
    const replayed = await call('POST', '/api/v1/applications', {}, 201, create);
    expect(replayed.headers.get('idempotent-replayed')).to.equal('true');
    await call('POST', '/api/v1/applications', {}, 422, { ...create, body: { ...body, form: {} } });
    const id = created.body.id as string;
    await call('PATCH', '/api/v1/applications/{id}', { id }, 200, {
      token: who.applicant,
      body: { form: { storeys: 5 } },
      headers: { 'content-type': 'application/merge-patch+json' },
    });
    await call('GET', '/api/v1/applications', {}, 200, { token: who.applicant });
    await call('GET', '/api/v1/applications', {}, 400, { token: who.applicant }, '?status=nope');
    await call('GET', '/api/v1/applications/{id}', { id }, 404, { token: who.otherApplicant });
    await call('GET', '/api/v1/applications/{id}', { id }, 401, {});

    const materials = '/api/v1/applications/{id}/materials';
    const uploaded = await upload(svc, who.applicant, id, 'construction-drawings', pdfBytes('drawings'));
    expect(uploaded.status, JSON.stringify(uploaded.body)).to.equal(201);
    expect(conformance(schemas, 'POST', materials, uploaded)).to.deep.equal([]);
    answered.add('addMaterial');
    const mid = uploaded.body.id as string;
    await call('POST', materials, { id }, 422, {
      token: who.applicant,
      body: { code: 'no-such-paper', reuse: mid },
    });
    await call('GET', materials, { id }, 200, { token: who.applicant });
    await call('GET', `${materials}/{mid}`, { id, mid }, 200, { token: who.applicant });
    await call('GET', `${materials}/{mid}/content`, { id, mid }, 200, { token: who.applicant });
    await call('GET', `${materials}/{mid}/content`, { id, mid }, 206, {
      token: who.applicant,
      headers: { range: 'bytes=0-3' },
    });
    await call('GET', `${materials}/{mid}/content`, { id, mid }, 416, {
      token: who.applicant,
      headers: { range: 'bytes=999999-' },
    });
    const extra = await uploadOk(svc, who.applicant, id, 'funding-commitment');
    // No body to check: 204.
    const removed = await svc.request('DELETE', `/api/v1/applications/${id}/materials/${extra.id}`, {
      token: who.applicant,
    });
    expect(removed.status).to.equal(204);
    answered.add('removeMaterial');
    await handInRequired(svc, who.applicant, id);
    const event = (token: string, payload: object, headers: Record<string, string> = {}, status = 200) =>
      call('POST', '/api/v1/applications/{id}/events', { id }, status, { token, body: payload, headers });
    await event(who.applicant, { type: 'SUBMIT' });
    await event(who.applicant, { type: 'SUBMIT' }, {}, 409);
    const minimal = await event(who.clerk('window'), { type: 'ACCEPT' }, { prefer: 'return=minimal' });
    expect(Object.keys(minimal.body).sort()).to.deep.equal(['id', 'status', 'version']);
    await event(who.clerk('fire'), { type: 'DENY', department: 'fire' }, {}, 422);
    await event(who.clerk('fire'), { type: 'ISSUE' }, {}, 403);
    await call('GET', '/api/v1/tasks', {}, 200, { token: who.clerk('planning') });
    await approveAll(svc, who, id);
    await event(who.clerk('window'), { type: 'ISSUE' });
    const detail = await call('GET', '/api/v1/applications/{id}', { id }, 200, { token: who.applicant });
    expect(detail.body.status).to.equal('approved');
    await call('GET', '/api/v1/applications/{id}/history', { id }, 200, { token: who.applicant });
    await call('GET', '/api/v1/applications/{id}/verify', { id }, 200, { token: who.auditor });
    await call('GET', '/api/v1/applications/{id}/verify', { id }, 403, { token: who.applicant });
  });

  it('should match for licences: the public record, the document, the keys and an event', async () => {
    const { caseId, number } = await issuedPermitLicence({ svc, who });
    const detail = await call('GET', '/api/v1/applications/{id}', { id: caseId }, 200, {
      token: who.applicant,
    });
    expect(detail.body.licences).to.deep.equal([{ number, type: 'construction-permit', status: 'valid' }]);
    await call('GET', '/api/v1/licences/{number}', { number }, 200);
    await call('GET', '/api/v1/licences/{number}', { number: '36020020260302999901' }, 404);
    await call('GET', '/api/v1/licences/{number}/pdf', { number }, 200);
    await call('GET', '/api/v1/licences/keys', {}, 200);
    await call('POST', '/api/v1/licences/{number}/events', { number }, 200, {
      token: who.applicant,
      body: { type: 'WORKS_STARTED' },
    });
    await call('POST', '/api/v1/licences/{number}/events', { number }, 403, {
      token: who.otherApplicant,
      body: { type: 'WORKS_STARTED' },
    });
  });

  it('should match for fees and inspections on a completion case', async () => {
    const id = await acceptedCase(svc, who, await licensedCompletionApplication(svc, who));
    const window = who.clerk('window');
    const fees = '/api/v1/applications/{id}/fees';
    const infra = await call('POST', fees, { id }, 201, {
      token: window,
      body: { code: 'infrastructure-supporting' },
    });
    await call('POST', fees, { id }, 422, { token: window, body: { code: 'not-on-the-list' } });
    await call('POST', `${fees}/{feeId}/pay`, { id, feeId: infra.body.id }, 200, {
      token: who.applicant,
      body: { paymentRef: 'NTR-2026-000451' },
    });
    const extra = await call('POST', fees, { id }, 201, {
      token: window,
      body: { code: 'extra-certificate', quantity: 2 },
    });
    await call('POST', `${fees}/{feeId}/waive`, { id, feeId: extra.body.id }, 200, {
      token: window,
      body: { reason: 'Issued in error.' },
    });
    await call('POST', `${fees}/{feeId}/waive`, { id, feeId: extra.body.id }, 409, {
      token: window,
      body: { reason: 'Again.' },
    });

    const [item] = exampleInspections;
    const clerk = who.clerk(item.department);
    const inspections = '/api/v1/applications/{id}/inspections';
    const scheduled = await call('POST', inspections, { id }, 201, {
      token: clerk,
      body: { code: item.code, scheduledAt: '2026-03-04T09:30:00+08:00' },
    });
    await call('POST', `${inspections}/{inspectionId}/result`, { id, inspectionId: scheduled.body.id }, 200, {
      token: clerk,
      body: { result: 'fail', findings: 'The fire access road is blocked.' },
    });
    const detail = await call('GET', '/api/v1/applications/{id}', { id }, 200, { token: who.applicant });
    expect(detail.body.fees).to.have.length(2);
    expect(detail.body.inspections).to.have.length(1);
    expect(detail.body.requiredInspections).not.to.be.empty;
    await call('GET', '/api/v1/applications/{id}/history', { id }, 200, { token: who.auditor });
  });

  it('should match for proxy handling and liaisons', async () => {
    const delegations = '/api/v1/delegations';
    const terms = { expiresAt: '2026-12-31T23:59:59+08:00', note: 'All our approvals this year' };
    const request = () => call('POST', delegations, {}, 201, { token: who.applicant, body: terms });
    const accepted = await request();
    await call('POST', `${delegations}/{id}/accept`, { id: accepted.body.id }, 200, { token: agent });
    await call('POST', `${delegations}/{id}/complete`, { id: accepted.body.id }, 200, {
      token: who.applicant,
      body: { comment: 'Done.' },
    });
    const refused = await request();
    await call('POST', `${delegations}/{id}/refuse`, { id: refused.body.id }, 200, {
      token: agent,
      body: { comment: 'We do not cover this district.' },
    });
    const revoked = await request();
    await call('POST', `${delegations}/{id}/revoke`, { id: revoked.body.id }, 200, {
      token: who.applicant,
    });
    await call('POST', `${delegations}/{id}/revoke`, { id: revoked.body.id }, 409, {
      token: who.applicant,
    });
    await call('GET', delegations, {}, 200, { token: who.applicant });
    await call('GET', `${delegations}/{id}`, { id: accepted.body.id }, 200, { token: who.applicant });
    await call('GET', delegations, {}, 403, { token: who.clerk('fire') });

    const liaison = '/api/v1/enterprises/{uscc}/liaison';
    await call('PUT', liaison, { uscc: ENTERPRISE }, 200, {
      token: admin,
      body: { clerk: 'clerk-window' },
    });
    await call('GET', liaison, { uscc: ENTERPRISE }, 200, { token: who.applicant });
    await call('GET', liaison, { uscc: OTHER_ENTERPRISE }, 200, { token: admin });
  });

  it("should match for the checklist, the calendar, the import and the auditor's figures", async () => {
    const current = await call('GET', '/api/v1/checklist', {}, 200);
    const { version: _version, publishedAt: _publishedAt, ...publishable } = current.body;
    await call('PUT', '/api/v1/checklist', {}, 201, { token: admin, body: publishable });
    await call('PUT', '/api/v1/checklist', {}, 403, { token: who.auditor, body: publishable });
    const catalogPath = '/api/v1/workflows/{id}/materials';
    const catalog = await call('GET', catalogPath, { id: 'completion-acceptance' }, 200);
    await call('PUT', catalogPath, { id: 'completion-acceptance' }, 201, {
      token: admin,
      body: catalog.body,
    });
    await call('PUT', catalogPath, { id: 'completion-acceptance' }, 422, {
      token: admin,
      body: { items: [] },
    });
    await call('POST', '/api/v1/guide', {}, 200, {
      body: { workflow: 'construction-permit', form: { useCategory: 'residential' } },
    });
    await call('POST', '/api/v1/guide', {}, 200, { body: { workflow: 'completion-acceptance' } });
    await call('POST', '/api/v1/guide', {}, 422, { body: { workflow: 'delegation' } });
    await call('POST', '/api/v1/guide', {}, 400, { body: { form: {} } });

    await call('GET', '/api/v1/calendar/{year}', { year: 2026 }, 200);
    await call('GET', '/api/v1/calendar/{year}', { year: 2031 }, 404);
    await call('PUT', '/api/v1/calendar/{year}', { year: 2026 }, 200, {
      token: admin,
      body: { holidays: loadReferenceCalendar()['2026'] },
    });

    const imported = await call('POST', '/api/v1/admin/import', {}, 200, {
      token: admin,
      rawBody: ndjson([permitHistoryLine(), { workflow: 'construction-permit' }, 'not json']),
      headers: { 'content-type': 'application/x-ndjson' },
    });
    expect(String(imported.body).trim().split('\n')).to.have.length(3);
    await call('POST', '/api/v1/admin/import', {}, 415, { token: admin, body: permitHistoryLine() });

    const auditor = { token: who.auditor };
    for (const groupBy of ['month', 'workflow', 'department', 'step']) {
      await call(
        'GET',
        '/api/v1/metrics/approval-times',
        {},
        200,
        auditor,
        `?groupBy=${groupBy}&from=2025-01-01`,
      );
    }
    const csv = await call('GET', '/api/v1/metrics/approval-times', {}, 200, {
      ...auditor,
      headers: { accept: 'text/csv' },
    });
    // In Chinese by default (docs/api.md, Metrics); the English header with lang=en.
    expect(String(csv.body).split('\n')[0]).to.match(/^月份,办结数,/);
    await call('GET', '/api/v1/metrics/approval-times', {}, 400, auditor, '?groupBy=year');
    await call('GET', '/api/v1/metrics/approval-times', {}, 403, { token: who.applicant });
    await call('GET', '/api/v1/metrics/backlog', {}, 200, auditor);
    for (const report of ['weekly', 'biweekly', 'monthly']) {
      await call('GET', `/api/v1/reports/${report}`, {}, 200, auditor);
      await call('GET', `/api/v1/reports/${report}`, {}, 200, auditor, '?at=2025-10-17');
    }
    await call('GET', '/api/v1/reports/weekly', {}, 400, auditor, '?at=1999-01-01');
  });

  it('should match for operations and documentation', async () => {
    await call('GET', '/healthz', {}, 200);
    await call('GET', '/readyz', {}, 200);
    await call('GET', '/metrics', {}, 200);
    await call('GET', '/api/v1/admin/timers', {}, 200, { token: admin }, '?status=retrying');
    // A timer of one of the cases above, due next year (a retry only resets its attempts).
    const { id: applicationId } = await svc.service.db.knex('applications').orderBy('id').first('id');
    const [inserted] = await svc.service.db
      .knex('timers')
      .insert({
        application_id: applicationId,
        timer_key: 'documented',
        event: JSON.stringify({ type: 'EXPIRE' }),
        due_at: '2027-03-02T01:00:00.000Z',
        created_at: '2026-03-02T01:00:00.000Z',
      })
      .returning('id');
    const timerId = Number(typeof inserted === 'object' ? inserted.id : inserted);
    await call('POST', '/api/v1/admin/timers/{id}/retry', { id: timerId }, 200, { token: admin });
    await call('GET', '/api/v1/admin/outbox', {}, 200, { token: admin }, '?status=dead');
    // An undelivered message of one of the cases above (a retry only resets its attempts).
    const [queued] = await svc.service.db
      .knex('outbox')
      .insert({
        application_id: applicationId,
        type: 'notification',
        payload: JSON.stringify({ id: 'documented' }),
        created_at: '2026-03-02T01:00:00.000Z',
        available_at: '2027-03-02T01:00:00.000Z',
        attempts: 16,
        dead_at: '2026-03-02T02:00:00.000Z',
      })
      .returning('id');
    const outboxId = Number(typeof queued === 'object' ? queued.id : queued);
    await call('GET', '/api/v1/admin/outbox', {}, 200, { token: admin });
    await call('POST', '/api/v1/admin/outbox/{id}/retry', { id: outboxId }, 200, { token: admin });
    // The enterprise of the cases above has messages; reading one, then one that is not its own.
    const messages = await call(
      'GET',
      '/api/v1/notifications',
      {},
      200,
      { token: who.applicant },
      '?limit=2',
    );
    const [message] = messages.body.items;
    await call('POST', '/api/v1/notifications/{id}/read', { id: message.id }, 200, { token: who.applicant });
    await call('POST', '/api/v1/notifications/{id}/read', { id: message.id }, 404, {
      token: who.otherApplicant,
    });
    await call('GET', '/openapi.json', {}, 200);
    await call('GET', '/docs', {}, 200);
    const signedIn = await call('POST', '/api/v1/dev/token', {}, 201, {
      body: { role: 'clerk', org: 'fire' },
    });
    const tasks = await svc.request('GET', '/api/v1/tasks', { token: signedIn.body.token });
    expect(tasks.status).to.equal(200);
    await call('POST', '/api/v1/dev/token', {}, 422, { body: { role: 'mayor' } });
    // Without an identity provider: no provider sign-in, nobody signed in (test/sign-in has the other case).
    const session = await call('GET', '/auth/session', {}, 200);
    expect(session.body).to.deep.equal({ provider: false, principal: null });
  });

  it('should match for the directory and work assignment', async () => {
    const lead = svc.token({
      sub: 'lead-planning',
      role: 'clerk',
      org: 'planning',
      name: '王主任',
      lead: true,
    });
    const clerk = svc.token({ sub: 'clerk-planning-2', role: 'clerk', org: 'planning', name: '李四' });
    const enterprise = '/api/v1/enterprises/{uscc}';
    await call('PUT', enterprise, { uscc: ENTERPRISE }, 200, {
      token: who.applicant,
      body: { name: '景德镇陶瓷材料有限公司', legalRepresentative: '张三', contactPhone: '0798-8888888' },
    });
    await call('PUT', enterprise, { uscc: ENTERPRISE }, 403, {
      token: who.otherApplicant,
      body: { name: '冒名' },
    });
    await call('GET', enterprise, { uscc: ENTERPRISE }, 200, { token: who.clerk('planning') });
    await call('GET', enterprise, { uscc: ENTERPRISE }, 404, { token: who.otherApplicant });
    const id = await acceptedCase(svc, who, constructionPermitApplication());
    const inbox = await call('GET', '/api/v1/tasks', {}, 200, { token: clerk }, '?assignee=unclaimed');
    const task = inbox.body.items.find((t: { applicationId: string }) => t.applicationId === id);
    await call('GET', '/api/v1/people', {}, 200, { token: lead });
    await call('POST', '/api/v1/tasks/{id}/claim', { id: task.id }, 200, { token: clerk });
    await call('POST', '/api/v1/tasks/{id}/claim', { id: task.id }, 409, { token: lead });
    await call('POST', '/api/v1/tasks/{id}/release', { id: task.id }, 200, { token: clerk });
    await call('POST', '/api/v1/tasks/{id}/assign', { id: task.id }, 200, {
      token: lead,
      body: { clerk: 'clerk-planning-2' },
    });
    await call('POST', '/api/v1/tasks/{id}/assign', { id: task.id }, 403, {
      token: clerk,
      body: { clerk: 'clerk-planning-2' },
    });
  });

  it('should have called every documented operation with its success status', () => {
    const all = Object.values(document.paths).flatMap((item) =>
      Object.values(item).map((op) => op.operationId),
    );
    expect(all.filter((id) => !answered.has(id)).sort()).to.deep.equal([]);
  });
});
