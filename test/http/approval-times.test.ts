import { expect } from 'chai';
import { describeEachDatabase } from '../support/databases.ts';
import { ENTERPRISE, OTHER_ENTERPRISE } from '../support/harness.ts';
import { people, startTestService, type People, type TestService } from '../support/http.ts';

/**
 * Approval-time metrics on a small known set of stored figures: the durations 1, 2, 3, 4 and 10 working days
 * give mean 4, median 3 and p90 7.6 (linear interpolation between the closest ranks, as percentile_cont:
 * rank 0.9 × 4 = 3.6, so 4 + 0.6 × (10 − 4)), on both databases.
 */

let serial = 0;
/** A decided case as the engine stores it at conclusion: only the columns the metrics read. */
function decided(
  workflow: string,
  concludedAt: string,
  net: number,
  onTime: boolean,
  month = concludedAt.slice(0, 7),
) {
  serial++;
  return {
    id: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    workflow_id: workflow,
    workflow_version: 1,
    applicant: ENTERPRISE,
    created_by: 'metrics-test',
    project: '{}',
    form: '{}',
    snapshot: '{}',
    state: '"approved"',
    status: 'approved',
    version: 9,
    last_hash: '',
    created_at: concludedAt,
    updated_at: concludedAt,
    submitted_at: concludedAt,
    accepted_at: concludedAt,
    concluded_at: concludedAt,
    working_days: net,
    net_working_days: net,
    on_time: onTime,
    concluded_month: month,
  };
}

describeEachDatabase('http/approval-times', (kind) => {
  let svc: TestService;
  let who: People;
  const get = (query: string, headers: Record<string, string> = {}) =>
    svc.request('GET', `/api/v1/metrics/approval-times?${query}`, { token: who.auditor, headers });

  before(async () => {
    svc = await startTestService(kind, '2026-06-15T09:00:00+08:00');
    who = people(svc, ENTERPRISE, OTHER_ENTERPRISE);
    await svc.service.db.knex('applications').insert([
      // March 2026 (Shanghai): five permits.
      decided('construction-permit', '2026-03-02T02:00:00.000Z', 1, true),
      decided('construction-permit', '2026-03-10T02:00:00.000Z', 2, true),
      decided('construction-permit', '2026-03-11T02:00:00.000Z', 3, true),
      decided('construction-permit', '2026-03-20T02:00:00.000Z', 4, true),
      decided('construction-permit', '2026-03-31T10:00:00.000Z', 10, false),
      // 1 April 00:30 in Shanghai is still 31 March in UTC: it belongs to April.
      decided('completion-acceptance', '2026-03-31T16:30:00.000Z', 6, true, '2026-04'),
      // Outside the period asked for.
      decided('construction-permit', '2026-05-01T02:00:00.000Z', 40, false),
    ]);
  });
  after(async () => {
    await svc.close();
  });

  it('should give count, mean, median, p90, max and on-time rate per month', async () => {
    const response = await get('groupBy=month&from=2026-03-01&to=2026-05-01');
    expect(response.status).to.equal(200);
    expect(response.body.items).to.deep.equal([
      {
        group: '2026-03',
        concluded: 5,
        meanWorkingDays: 4,
        medianWorkingDays: 3,
        p90WorkingDays: 7.6,
        maxWorkingDays: 10,
        onTimeRate: 0.8,
        meanSpecialProcedureWorkingDays: 0,
        withSpecialProcedure: 0,
        limitWorkingDays: null,
        overdueOpen: null,
      },
      {
        group: '2026-04',
        concluded: 1,
        meanWorkingDays: 6,
        medianWorkingDays: 6,
        p90WorkingDays: 6,
        maxWorkingDays: 6,
        onTimeRate: 1,
        meanSpecialProcedureWorkingDays: 0,
        withSpecialProcedure: 0,
        limitWorkingDays: null,
        overdueOpen: null,
      },
    ]);
  });

  it('should give the statutory limit when the rows concern one workflow', async () => {
    const byWorkflow = await get('groupBy=workflow&from=2026-03-01&to=2026-05-01');
    const permit = byWorkflow.body.items.find((r: { group: string }) => r.group === 'construction-permit');
    expect(permit).to.deep.include({
      concluded: 5,
      medianWorkingDays: 3,
      limitWorkingDays: 45,
      overdueOpen: 0,
    });
    const completion = byWorkflow.body.items.find(
      (r: { group: string }) => r.group === 'completion-acceptance',
    );
    expect(completion).to.deep.include({ concluded: 1, limitWorkingDays: 7 });
    const oneWorkflow = await get('groupBy=month&workflow=construction-permit&from=2026-03-01&to=2026-06-01');
    expect(
      oneWorkflow.body.items.map((r: { group: string; limitWorkingDays: number }) => [
        r.group,
        r.limitWorkingDays,
      ]),
    ).to.deep.equal([
      ['2026-03', 45],
      ['2026-05', 45],
    ]);
  });

  // Department, step and workflow names in the Chinese export: test/metrics/approval-times-csv.test.ts.
  it('should answer the same rows as CSV with Chinese headers and names, by default', async () => {
    const response = await get('groupBy=month&from=2026-03-01&to=2026-04-01', { accept: 'text/csv' });
    expect(response.status).to.equal(200);
    expect(String(response.body).trim().split('\r\n')).to.deep.equal([
      // (fetch's UTF-8 decoder drops the byte-order mark the export starts with; test/metrics checks it)
      '月份,办结数,平均用时（工作日）,中位用时（工作日）,90% 用时（工作日）,最长用时（工作日）,按时办结率,法定时限（工作日）,超期未办结',
      '2026-03,5,4,3,7.6,10,0.8,,',
    ]);
    expect((await get('groupBy=month&lang=fr', { accept: 'text/csv' })).status).to.equal(400);
  });

  it('should answer the same rows as CSV with a header line in English with lang=en', async () => {
    const response = await get('groupBy=month&from=2026-03-01&to=2026-04-01&lang=en', { accept: 'text/csv' });
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/^text\/csv/);
    expect(String(response.body).trim().split('\r\n')).to.deep.equal([
      'group,concluded,meanWorkingDays,medianWorkingDays,p90WorkingDays,maxWorkingDays,onTimeRate,limitWorkingDays,overdueOpen',
      '2026-03,5,4,3,7.6,10,0.8,,',
    ]);
  });

  it('should refuse a bad groupBy or date (400) and callers who are not auditors or admins (403)', async () => {
    expect((await get('groupBy=week')).status).to.equal(400);
    expect((await get('groupBy=month&from=2026-3-1')).status).to.equal(400);
    const asClerk = await svc.request('GET', '/api/v1/metrics/approval-times?groupBy=month', {
      token: who.clerk('planning'),
    });
    expect(asClerk.status).to.equal(403);
    const asApplicant = await svc.request('GET', '/api/v1/metrics/backlog', { token: who.applicant });
    expect(asApplicant.status).to.equal(403);
  });
});
