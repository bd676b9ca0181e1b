/**
 * The walks of openapi/responses.test.ts beyond the cases themselves: proxy handling, the reference data and
 * the auditor's figures, operations and documentation, the directory and work assignment. Each calls the
 * service through the suite's `call`, which checks every answer against the document and counts it.
 */
import { expect } from 'chai';
import { loadReferenceCalendar } from '../../src/calendar/reference-data.ts';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import { permitHistoryLine } from '../fixtures/permit-history.ts';
import { ENTERPRISE, OTHER_ENTERPRISE } from '../support/harness.ts';
import {
  acceptedCase,
  type People,
  type RequestOptions,
  type TestResponse,
  type TestService,
} from '../support/http.ts';
import { ndjson } from '../support/import.ts';

/** What a walk needs of the suite: its checking `call`, the service and the people signed in. */
export interface Walk {
  call(
    method: string,
    template: string,
    params: Record<string, string | number>,
    status: number,
    options?: RequestOptions,
    query?: string,
  ): Promise<TestResponse>;
  svc: TestService;
  who: People;
  admin: string;
  agent: string;
}

/** Delegations from request to revocation, and the enterprise liaison. */
export async function proxyAndLiaisons({ call, who, admin, agent }: Walk): Promise<void> {
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
}

/** The checklist, the material catalog, the guide, the calendar, the import and the auditor's figures. */
export async function referenceData({ call, who, admin }: Walk): Promise<void> {
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

  await call('GET', '/api/v1/exchange/spgl', {}, 200, auditor, '?since=0');
  await call(
    'GET',
    '/api/v1/exchange/spgl',
    {},
    200,
    { ...auditor, headers: { accept: 'text/csv' } },
    '?table=SPGL_XMJBXXB',
  );
  await call('GET', '/api/v1/exchange/spgl', {}, 400, auditor, '?since=x');
  await call('GET', '/api/v1/exchange/spgl', {}, 403, { token: who.applicant });
  await call('GET', '/api/v1/admin/exchange/rejected', {}, 200, { token: admin });
  await call('GET', '/api/v1/admin/exchange/rejected', {}, 403, auditor);
}

/** Health, metrics, timers, the outbox, notifications, the documents and the sign-in of development. */
export async function operationsAndDocs({ call, svc, who, admin }: Walk): Promise<void> {
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
  const messages = await call('GET', '/api/v1/notifications', {}, 200, { token: who.applicant }, '?limit=2');
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
}

/** The enterprise directory and the claiming and assigning of tasks. */
export async function directoryAndWork({ call, svc, who }: Walk): Promise<void> {
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
}
