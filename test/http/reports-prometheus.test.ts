import { expect } from 'chai';
import { copy, minimalPermitForm, permitProject } from '../fixtures/construction-permit.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createDraft, sendOk, type People, type TestService } from '../support/http.ts';
import { parsePrometheusText, sampleValue, type MetricFamily } from '../support/prometheus-text.ts';
import { withService } from '../support/with-service.ts';

const REPORTS = ['weekly', 'biweekly', 'monthly'] as const;

/** A minimal permit (planning and housing) submitted, and accepted unless told, at the service's clock. */
async function permitCase(svc: TestService, who: People, accept = true): Promise<string> {
  const id = await createDraft(svc, who.applicant, {
    workflow: 'construction-permit',
    project: copy(permitProject),
    form: copy(minimalPermitForm),
  });
  await sendOk(svc, who.applicant, id, { type: 'SUBMIT' });
  if (accept) await sendOk(svc, who.clerk('window'), id, { type: 'ACCEPT' });
  return id;
}

async function scrape(svc: TestService): Promise<Map<string, MetricFamily>> {
  const response = await svc.request('GET', '/metrics');
  expect(response.status).to.equal(200);
  expect(response.headers.get('content-type')).to.equal('text/plain; version=0.0.4; charset=utf-8');
  return parsePrometheusText(response.body);
}

describeEachDatabase('http/reports and /metrics', (kind) => {
  describe('supervision reports', () => {
    const t = withService(kind);
    const ids: Record<string, string> = {};
    before(async () => {
      ids.running = await permitCase(t.svc, t.who); // Mon 03-02: housing due 03-11, the case 05-08
      ids.stopped = await permitCase(t.svc, t.who);
      t.svc.clock.set('2026-03-05T10:00:00+08:00');
      await sendOk(t.svc, t.who.clerk('planning'), ids.stopped, {
        type: 'REQUEST_SUPPLEMENT',
        department: 'planning',
        comment: 'the stamped drawings are missing',
      });
      t.svc.clock.set('2026-03-12T09:00:00+08:00');
    });

    it('should refuse applicants and clerks, and ask for a token', async () => {
      for (const report of REPORTS) {
        const path = `/api/v1/reports/${report}`;
        for (const token of [t.who.applicant, t.who.clerk('window'), t.who.clerk('housing')]) {
          const refused = await t.svc.request('GET', path, { token });
          expect(refused.status, `${report}`).to.equal(403);
          expect(refused.body.type).to.equal('forbidden');
        }
        expect((await t.svc.request('GET', path)).status).to.equal(401);
      }
    });

    it('should answer 400 for a date that is not one, before looking at the role', async () => {
      for (const at of ['2026-02-30', '12-03-2026', '2026-3-1', 'today', '1066-10-14']) {
        const bad = await t.svc.request('GET', `/api/v1/reports/weekly?at=${at}`, { token: t.who.auditor });
        expect(bad.status, at).to.equal(400);
        expect(bad.body).to.include({ type: 'malformed-request' });
        expect(bad.body).to.include({ code: 'report-date' });
        expect(bad.body.errors).to.deep.equal([
          { pointer: '/query/at', code: 'not-a-real-date', detail: 'must be a real date like 2026-03-01' },
        ]);
      }
      const twice = await t.svc.request('GET', '/api/v1/reports/monthly?at=2026-03-01&at=2026-03-02', {
        token: t.admin,
      });
      expect(twice.status).to.equal(400);
      // the order of checks (docs/api.md): 400 (malformed) answers before 403 (this role may never do this).
      const applicant = await t.svc.request('GET', '/api/v1/reports/biweekly?at=nope', {
        token: t.who.applicant,
      });
      expect(applicant.status).to.equal(400);
    });

    it('should keep the same order on the metrics routes: 400 for a bad query, then 403', async () => {
      const bad = await t.svc.request('GET', '/api/v1/metrics/approval-times?groupBy=year', {
        token: t.who.applicant,
      });
      expect(bad.status).to.equal(400);
      const good = '/api/v1/metrics/approval-times?groupBy=workflow';
      expect((await t.svc.request('GET', good, { token: t.who.applicant })).status).to.equal(403);
      expect((await t.svc.request('GET', good, { token: t.who.auditor })).status).to.equal(200);
      const backlog = await t.svc.request('GET', '/api/v1/metrics/backlog', {
        token: t.who.clerk('housing'),
      });
      expect(backlog.status).to.equal(403);
    });

    it('should give auditors the weekly dispatch for today in Shanghai by default', async () => {
      const weekly = await t.svc.request('GET', '/api/v1/reports/weekly', { token: t.who.auditor });
      expect(weekly.status).to.equal(200);
      expect(weekly.body).to.include({ report: 'weekly', at: '2026-03-12' });
      const running = weekly.body.items.find((i: { id: string }) => i.id === ids.running);
      const stopped = weekly.body.items.find((i: { id: string }) => i.id === ids.stopped);
      expect(running).to.include({ status: 'in_review', workingDaysLeft: 37, clockStopped: false });
      expect(stopped).to.include({ status: 'supplementing', workingDaysLeft: null, clockStopped: true });
    });

    it('should give the biweekly list and the monthly bulletin to administrators too', async () => {
      const biweekly = await t.svc.request('GET', '/api/v1/reports/biweekly?at=2026-03-12', {
        token: t.admin,
      });
      expect(biweekly.status).to.equal(200);
      expect(biweekly.body.departments).to.have.length(1);
      expect(biweekly.body.departments[0]).to.include({ department: 'housing', overdue: 1, atRisk: 0 });
      expect(biweekly.body.departments[0].items[0]).to.include({
        applicationId: ids.running,
        workingDaysLate: 1,
      });
      const monthly = await t.svc.request('GET', '/api/v1/reports/monthly?at=2026-03-31', {
        token: t.who.auditor,
      });
      expect(monthly.status).to.equal(200);
      expect(monthly.body).to.include({ month: '2026-03', complete: false });
      // Only the two intakes closed so far, both the day they were submitted.
      expect(monthly.body.departments[0]).to.include({ rank: 1, group: 'window', concluded: 2, onTime: 2 });
    });
  });

  describe('GET /metrics', () => {
    const t = withService(kind);
    let caseId = '';
    before(async () => {
      caseId = await permitCase(t.svc, t.who); // housing due Wed 03-11
      await permitCase(t.svc, t.who, false); // the window's intake, due Mon 03-09
      t.svc.clock.set('2026-03-12T09:00:00+08:00');
      await permitCase(t.svc, t.who); // housing due 03-23: open, not overdue
    });

    it('should parse as the text format and need no token', async () => {
      const families = await scrape(t.svc);
      expect(families.get('zerotrip_tasks_open')).to.include({ type: 'gauge' });
      expect(families.get('zerotrip_http_requests_total')).to.include({ type: 'counter' });
      expect(families.get('zerotrip_http_request_duration_seconds')).to.include({ type: 'histogram' });
      expect(sampleValue(families, 'zerotrip_metrics_database_up')).to.equal(1);
      // The process's standard metrics, collected apart, in the same exposition.
      expect(families.get('process_cpu_user_seconds_total')).to.include({ type: 'counter' });
      expect(families.get('nodejs_eventloop_lag_p99_seconds')).to.include({ type: 'gauge' });
    });

    it('should report open and overdue tasks per department exactly as the backlog route does', async () => {
      const families = await scrape(t.svc);
      const backlog = await t.svc.request('GET', '/api/v1/metrics/backlog', { token: t.who.auditor });
      expect(backlog.status).to.equal(200);
      for (const row of backlog.body.items as Array<{
        department: string;
        open: number;
        overdue: number;
      }>) {
        const labels = { department: row.department };
        expect(sampleValue(families, 'zerotrip_tasks_open', labels), row.department).to.equal(row.open);
        expect(sampleValue(families, 'zerotrip_tasks_overdue', labels), row.department).to.equal(row.overdue);
      }
      expect(families.get('zerotrip_tasks_open')!.samples).to.have.length(backlog.body.items.length);
      const value = (name: string, department: string) => sampleValue(families, name, { department });
      expect([
        value('zerotrip_tasks_open', 'housing'),
        value('zerotrip_tasks_overdue', 'housing'),
      ]).to.deep.equal([2, 1]);
      expect([
        value('zerotrip_tasks_open', 'window'),
        value('zerotrip_tasks_overdue', 'window'),
      ]).to.deep.equal([1, 1]);
      // Departments with nothing open have their zero rows.
      expect(value('zerotrip_tasks_open', 'archives')).to.equal(0);
      expect(value('zerotrip_tasks_overdue', 'fire')).to.equal(0);
      expect(
        sampleValue(families, 'zerotrip_cases_open', {
          workflow: 'construction-permit',
          status: 'in_review',
        }),
      ).to.equal(2);
      expect(
        sampleValue(families, 'zerotrip_cases_open', {
          workflow: 'construction-permit',
          status: 'submitted',
        }),
      ).to.equal(1);
    });

    it('should count requests by route pattern, never by raw URL, and increase with them', async () => {
      const count = (families: Map<string, MetricFamily>, route: string, status: string) =>
        sampleValue(families, 'zerotrip_http_requests_total', { method: 'GET', route, status }) ?? 0;
      const before = await scrape(t.svc);
      const weekly = '/api/v1/reports/weekly';
      const anyCase = '/api/v1/applications/:id';
      for (let i = 0; i < 3; i++) await t.svc.request('GET', weekly, { token: t.who.auditor });
      await t.svc.request('GET', '/api/v1/applications/no-such-case', { token: t.who.auditor });
      await t.svc.request('GET', '/api/v1/no/such/route');
      await t.svc.request('GET', '/api/v1/tasks?status=open', { token: t.who.auditor });
      const pay = await t.svc.request('POST', `/api/v1/applications/${caseId}/fees/17/pay`, {
        token: t.who.applicant,
        body: { paymentRef: 'PAY-1' },
      });
      expect(pay.status).to.equal(404);
      const after = await scrape(t.svc);
      expect(count(after, weekly, '200') - count(before, weekly, '200')).to.equal(3);
      expect(count(after, anyCase, '404') - count(before, anyCase, '404')).to.equal(1);
      expect(count(after, 'unmatched', '404') - count(before, 'unmatched', '404')).to.equal(1);
      expect(count(after, '/metrics', '200')).to.be.at.least(1);
      const routes = after.get('zerotrip_http_requests_total')!.samples.map((s) => s.labels.route!);
      expect(routes.filter((r) => r.includes('no-such-case') || r.includes(caseId))).to.deep.equal([]);
      // A mount path with a parameter keeps its name, and a router's '/' is its mount path.
      expect(routes).to.include.members(['/api/v1/applications/:id/fees/:feeId/pay', '/api/v1/tasks']);
      const latency = sampleValue(after, 'zerotrip_http_request_duration_seconds_count', {
        method: 'GET',
        route: weekly,
        status: '200',
      });
      expect(latency).to.be.at.least(3);
    });
  });

  describe('the missing-calendar gauge', () => {
    const t = withService(kind);
    let caseId = '';

    it('should say 0 for this year and the next while nothing needs an unpublished year', async () => {
      const families = await scrape(t.svc);
      expect(sampleValue(families, 'zerotrip_calendar_missing', { year: '2026' })).to.equal(0);
      expect(sampleValue(families, 'zerotrip_calendar_missing', { year: '2027' })).to.equal(0);
    });

    it('should say 1 for 2027 once an open task is due in it, and 0 for 2026', async () => {
      // Accepted on Mon 2026-12-28: housing's 7 working days end on 2027-01-06, counted on weekends alone.
      t.svc.clock.set('2026-12-28T09:00:00+08:00');
      const id = await permitCase(t.svc, t.who);
      const detail = await t.svc.request('GET', `/api/v1/applications/${id}`, { token: t.who.auditor });
      const housing = detail.body.tasks.find((task: { department: string }) => task.department === 'housing');
      expect(housing.dueAt.slice(0, 10)).to.equal('2027-01-06');
      const families = await scrape(t.svc);
      expect(sampleValue(families, 'zerotrip_calendar_missing', { year: '2027' })).to.equal(1);
      expect(sampleValue(families, 'zerotrip_calendar_missing', { year: '2026' })).to.equal(0);
      caseId = id;
    });

    it('should keep saying 1 for 2027 while a stored figure counted it on weekends alone', async () => {
      t.svc.clock.set('2027-01-05T10:00:00+08:00');
      for (const department of ['housing', 'planning']) {
        await sendOk(t.svc, t.who.clerk(department), caseId, { type: 'APPROVE', department });
      }
      await sendOk(t.svc, t.who.clerk('window'), caseId, { type: 'ISSUE', department: 'window' });
      const detail = await t.svc.request('GET', `/api/v1/applications/${caseId}`, { token: t.who.auditor });
      expect(detail.body).to.include({ status: 'approved' });
      expect(detail.body.timing).to.include({ provisional: true });
      const families = await scrape(t.svc);
      expect(sampleValue(families, 'zerotrip_tasks_open', { department: 'housing' })).to.equal(0);
      expect(sampleValue(families, 'zerotrip_calendar_missing', { year: '2027' })).to.equal(1);
      expect(sampleValue(families, 'zerotrip_calendar_missing', { year: '2028' })).to.equal(0);
    });
  });
});
