import { expect } from 'chai';
import { API_ROUTES as ROUTES } from '../../src/app.ts';
import { buildOpenApi } from '../../src/openapi/index.ts';
import { exampleInspections } from '../fixtures/completion-acceptance.ts';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
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
import { handInRequired, pdfBytes, upload, uploadOk } from '../support/materials.ts';
import { conformance, DocumentSchemas, operationOf } from './support.ts';
import { creditAndPledge } from './credit-walk.ts';
import { expertReview } from './expert-walk.ts';
import { directoryAndWork, operationsAndDocs, proxyAndLiaisons, referenceData, type Walk } from './walks.ts';
import { keyProjects } from './key-projects-walk.ts';
import { ratingsWalk } from './rating-walk.ts';
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

  /** The suite as the walks of walks.ts take it (read when a test runs, after `before`). */
  const walk = (): Walk => ({ call, svc, who, admin, agent });

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

  it('should match for projects: the list, a project across its stages, a bad code and a hidden one', async () => {
    const { caseId } = await issuedPermitLicence({ svc, who });
    const code = '2026-360200-48-01-000173';
    await call('GET', '/api/v1/projects', {}, 200, { token: who.applicant });
    const project = await call('GET', '/api/v1/projects/{code}', { code }, 200, { token: who.auditor });
    expect(project.body.cases.map((c: { id: string }) => c.id)).to.include(caseId);
    await call('GET', '/api/v1/projects/{code}', { code: '2026-990200-48-01-000173' }, 400, {
      token: who.auditor,
    });
    await call('GET', '/api/v1/projects/{code}', { code }, 404, { token: who.otherApplicant });
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

  it('should match for proxy handling and liaisons', () => proxyAndLiaisons(walk()));

  it("should match for the checklist, the calendar, the import and the auditor's figures", () =>
    referenceData(walk()));

  it('should match for operations and documentation', () => operationsAndDocs(walk()));

  it('should match for the directory and work assignment', () => directoryAndWork(walk()));

  it('should match for approval on pledge and the credit register', () => creditAndPledge(walk()));

  it('should match for expert review: the roster, a pre-review to its decision, the draw and the figures', () =>
    expertReview(walk()));

  it('should match for key projects: task forces, plans, issues, dispatches and their reports', () =>
    keyProjects(walk()));

  it('should match for ratings, their follow-up and the public figures', () => ratingsWalk(walk()));

  it('should have called every documented operation with its success status', () => {
    const all = Object.values(document.paths).flatMap((item) =>
      Object.values(item).map((op) => op.operationId),
    );
    expect(all.filter((id) => !answered.has(id)).sort()).to.deep.equal([]);
  });
});
