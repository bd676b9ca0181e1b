import { expect } from 'chai';
import type { ImportLine } from '../../src/import/index.ts';
import { permitHistoryEvents, permitHistoryLine } from '../fixtures/permit-history.ts';
import { ndjson, parseNdjson, rowCounts } from '../support/import.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { startTestService, type TestService } from '../support/http.ts';

const IMPORT = '/api/v1/admin/import';

/** A history whose second event is an approval before the window accepted: refused at `/events/1`. */
function approvalTooEarly(): ImportLine {
  const events = permitHistoryEvents();
  events.splice(1, 0, {
    at: '2025-09-23T10:00:00+08:00',
    type: 'APPROVE',
    actor: { sub: 'clerk-housing', role: 'clerk', org: 'housing' },
    department: 'housing',
  });
  return permitHistoryLine(events);
}

describeEachDatabase('admin/import-routes: refused lines worded', (kind) => {
  let svc: TestService;
  let admin = '';
  before(async () => {
    svc = await startTestService(kind, '2026-03-02T09:00:00+08:00');
    admin = svc.token({ sub: 'admin-1', role: 'admin' });
  });
  after(async () => {
    await svc?.close();
  });

  const post = (body: string, language?: string) =>
    svc.request('POST', IMPORT, {
      token: admin,
      rawBody: body,
      headers: {
        'content-type': 'application/x-ndjson',
        ...(language ? { 'accept-language': language } : {}),
      },
    });

  it('should give each refused line a code and where, in Chinese when asked, and import nothing of it', async () => {
    const before = await rowCounts(svc.service.db);
    const response = await post(ndjson([approvalTooEarly(), '{not json']), 'zh-CN');
    expect(response.status).to.equal(200);
    const [event, malformed] = parseNdjson(String(response.body));
    expect(event.error).to.deep.include({
      type: 'event-not-allowed',
      code: 'import-event-not-allowed',
      params: { pointer: '/events/1' },
      detail: '历史记录中的第 2 个事件在当时的办理状态下不被允许',
    });
    expect(malformed.error.code).to.equal('import-line-malformed');
    expect(malformed.error.detail).to.match(/^该行不是有效的历史办件记录/);
    expect(await rowCounts(svc.service.db)).to.deep.equal(before);
  });

  it("should keep the line's own English reason by default, with the same code", async () => {
    const [event] = parseNdjson(String((await post(ndjson([approvalTooEarly()]))).body));
    expect(event.error.code).to.equal('import-event-not-allowed');
    expect(event.error.detail).to.include('APPROVE is not allowed while the case is submitted');
  });

  it('should refuse anyone but an administrator in Chinese, reading nothing', async () => {
    const clerk = svc.token({ sub: 'clerk-window', role: 'clerk', org: 'window' });
    const response = await svc.request('POST', IMPORT, {
      token: clerk,
      rawBody: ndjson([approvalTooEarly()]),
      headers: { 'content-type': 'application/x-ndjson', 'accept-language': 'zh-CN' },
    });
    expect(response.status).to.equal(403);
    expect(response.body.code).to.equal('import-admin-only');
    expect(response.body.detail).to.equal('只有平台管理员可以导入历史办件');
  });
});
