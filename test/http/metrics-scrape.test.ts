import { expect } from 'chai';
import { describeEachDatabase } from '../support/databases.ts';
import { expectProblem, startTestService, type TestService } from '../support/http.ts';
import { parsePrometheusText, sampleValue } from '../support/prometheus-text.ts';

describeEachDatabase('http/metrics scrape', (kind) => {
  describe('the database figures', () => {
    let svc: TestService;
    let queries = 0;
    before(async () => {
      svc = await startTestService(kind);
      svc.service.db.knex.on('query', () => queries++);
    });
    after(async () => {
      await svc?.close();
    });

    /** Scrapes once and returns how many database queries the scrape ran. */
    async function scrapeQueries(): Promise<number> {
      const before = queries;
      const response = await svc.request('GET', '/metrics');
      expect(response.status).to.equal(200);
      expect(sampleValue(parsePrometheusText(response.body), 'zerotrip_metrics_database_up')).to.equal(1);
      return queries - before;
    }

    it('should read the database once per 15-second interval, however often it is scraped', async () => {
      const first = await scrapeQueries();
      expect(first).to.be.above(0);
      expect(await scrapeQueries()).to.equal(0);
      svc.clock.advance({ ms: 14_999 });
      expect(await scrapeQueries()).to.equal(0);
      svc.clock.advance({ ms: 1 });
      expect(await scrapeQueries()).to.equal(first);
      expect(await scrapeQueries()).to.equal(0);
    });

    it('should share one read between concurrent scrapes', async () => {
      svc.clock.advance({ ms: 15_000 });
      const before = queries;
      const first = await scrapeQueries();
      svc.clock.advance({ ms: 15_000 });
      const again = queries;
      const answers = await Promise.all([1, 2, 3, 4].map(() => svc.request('GET', '/metrics')));
      expect(answers.map((a) => a.status)).to.deep.equal([200, 200, 200, 200]);
      expect(queries - again).to.equal(first);
      expect(again - before).to.equal(first);
    });

    it('should show new figures once the interval has passed', async () => {
      svc.clock.advance({ ms: 15_000 });
      const open = async () =>
        sampleValue(parsePrometheusText((await svc.request('GET', '/metrics')).body), 'zerotrip_cases_open', {
          workflow: 'construction-permit',
          status: 'draft',
        });
      expect(await open()).to.equal(0);
      const applicant = svc.token({ sub: 'u', role: 'applicant', org: '91310115591693856A' });
      const draft = { workflow: 'construction-permit', project: { name: 'P' }, form: {} };
      const created = await svc.request('POST', '/api/v1/applications', { token: applicant, body: draft });
      expect(created.status).to.equal(201);
      expect(await open()).to.equal(0);
      svc.clock.advance({ ms: 15_000 });
      expect(await open()).to.equal(1);
    });
  });

  describe('METRICS_TOKEN', () => {
    const scrapeToken = 'a-long-random-scrape-token';
    let svc: TestService;
    before(async () => {
      svc = await startTestService(kind, undefined, { env: { METRICS_TOKEN: scrapeToken } });
    });
    after(async () => {
      await svc?.close();
    });

    it('should refuse a scrape without the token: 401, and no figures', async () => {
      const response = await svc.request('GET', '/metrics');
      expectProblem(response, 401, 'unauthorized');
      expect(response.headers.get('www-authenticate')).to.match(/^Bearer/);
      expect(response.body.detail).to.match(/METRICS_TOKEN/);
    });

    it('should refuse a wrong token, and an API token', async () => {
      expectProblem(await svc.request('GET', '/metrics', { token: 'wrong' }), 401, 'unauthorized');
      expectProblem(await svc.request('GET', '/metrics', { token: `${scrapeToken}x` }), 401, 'unauthorized');
      const admin = svc.token({ sub: 'admin-1', role: 'admin' });
      expectProblem(await svc.request('GET', '/metrics', { token: admin }), 401, 'unauthorized');
    });

    it('should count wrong tokens as failed authentications: 429 past the limit, the right token still answered', async () => {
      const limited = await startTestService(kind, undefined, {
        env: { METRICS_TOKEN: scrapeToken, RATE_LIMIT_AUTH_FAILURES: '2' },
      });
      try {
        for (let i = 0; i < 2; i++) {
          expectProblem(await limited.request('GET', '/metrics', { token: 'guess' }), 401, 'unauthorized');
        }
        const refused = await limited.request('GET', '/metrics', { token: 'guess' });
        expectProblem(refused, 429, 'too-many-requests');
        expect(Number(refused.headers.get('retry-after'))).to.be.within(1, 60);
        expect((await limited.request('GET', '/metrics', { token: scrapeToken })).status).to.equal(200);
      } finally {
        await limited.close();
      }
    });

    it('should answer the scrape that brings the token', async () => {
      const response = await svc.request('GET', '/metrics', { token: scrapeToken });
      expect(response.status).to.equal(200);
      expect(sampleValue(parsePrometheusText(response.body), 'zerotrip_metrics_database_up')).to.equal(1);
    });
  });
});
