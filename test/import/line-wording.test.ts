import { expect } from 'chai';
import { startTestService, type TestService } from '../support/http.ts';

const ENTERPRISE = '91310115591693856A';
const applicant = { sub: 'u1', role: 'applicant', org: ENTERPRISE };

/** One history line, as an administrator's file holds it. */
const line = (events: object[], extra: object = {}) =>
  JSON.stringify({
    workflow: 'construction-permit',
    workflowVersion: 1,
    applicant: ENTERPRISE,
    project: { name: '导入厂房' },
    form: {},
    events,
    ...extra,
  });

/**
 * Issue 13: the import's refusals reach an administrator reading Chinese in Chinese — each refused line carries
 * its code and params, and its detail is worded from them for `Accept-Language: zh-CN`.
 */
describe('import line wording', () => {
  let svc: TestService;
  before(async () => {
    svc = await startTestService('sqlite');
  });
  after(async () => svc?.close());

  const importAs = async (body: string, lang?: string) => {
    const response = await svc.request('POST', '/api/v1/admin/import', {
      token: svc.token({ sub: 'admin-1', role: 'admin' }),
      rawBody: body,
      headers: { 'content-type': 'application/x-ndjson', ...(lang ? { 'accept-language': lang } : {}) },
    });
    expect(response.status).to.equal(200);
    const text = typeof response.body === 'string' ? response.body : String(response.body);
    return text
      .trim()
      .split('\n')
      .map((l: string) => JSON.parse(l));
  };

  const body = [
    'not json',
    line([], { workflow: 'no-such-workflow' }),
    line([
      { at: '2025-09-26T15:00:00+08:00', type: 'CREATE', actor: applicant },
      { at: '2025-09-26T15:00:00+08:00', type: 'SUBMIT', actor: applicant },
    ]),
    line([
      { at: '2025-09-26T15:00:00+08:00', type: 'SUBMIT', actor: applicant },
      { at: '2025-09-20T15:00:00+08:00', type: 'WITHDRAW', actor: applicant },
    ]),
  ].join('\n');

  it('should give every refused line its code and params, the English detail unchanged', async () => {
    const lines = await importAs(body);
    expect(lines.map((l) => l.error.code)).to.deep.equal([
      'import-not-json',
      'import-line-shape',
      'import-not-importable',
      'import-out-of-order',
    ]);
    expect(lines[2].error.params).to.deep.equal({ event: 'CREATE' });
    expect(lines[0].error.detail).to.match(/^the line is not valid JSON \(/);
    expect(lines[3].error.detail).to.contain('give the events in time order');
  });

  it('should word the details in Chinese for a zh-CN caller, naming the event', async () => {
    const lines = await importAs(body, 'zh-CN');
    expect(lines[0].error.detail).to.equal('该行不是有效的 JSON，请每行填写一件申请（一个 JSON 对象）');
    expect(lines[2].error.detail).to.match(/^第 1 个事件：“CREATE”不导入/);
    expect(lines[3].error.detail).to.match(/^第 2 个事件：事件须按时间先后排列/);
    for (const l of lines) expect(l.error.detail, l.error.code).to.match(/[\u4e00-\u9fff]/);
    // The field errors of a line of the wrong shape, too.
    expect(lines[1].error.errors.length).to.be.greaterThan(0);
    for (const e of lines[1].error.errors) expect(e.detail, e.pointer).to.match(/[\u4e00-\u9fff]/);
  });
});
