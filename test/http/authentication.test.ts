import { connect } from 'node:net';
import { expect } from 'chai';
import { describeEachDatabase } from '../support/databases.ts';
import { ENTERPRISE } from '../support/harness.ts';
import { expectProblem, startTestService, type TestService } from '../support/http.ts';
import { parsePrometheusText, sampleValue } from '../support/prometheus-text.ts';

const DRAFT = { workflow: 'construction-permit', project: { name: 'Plant 3' }, form: {} };

describeEachDatabase('http/authentication', (kind) => {
  let svc: TestService;
  before(async () => {
    svc = await startTestService(kind);
  });
  after(async () => {
    await svc?.close();
  });

  it('should refuse a sub longer than its columns with 401, and store nothing', async () => {
    const auditor = svc.token({ sub: 'auditor-1', role: 'auditor' });
    const long = svc.token({ sub: 'u'.repeat(201), role: 'applicant', org: ENTERPRISE });
    const response = await svc.request('POST', '/api/v1/applications', { token: long, body: DRAFT });
    expectProblem(response, 401, 'unauthorized');
    expect(response.body.detail).to.equal('token sub claim is too long: 201 characters, at most 200');
    const list = await svc.request('GET', '/api/v1/applications', { token: auditor });
    expect(list.body.items).to.deep.equal([]);

    const longest = svc.token({ sub: 'u'.repeat(200), role: 'applicant', org: ENTERPRISE });
    const created = await svc.request('POST', '/api/v1/applications', { token: longest, body: DRAFT });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
  });

  it('should refuse an org longer than the column it is recorded in with 401, and change nothing', async () => {
    const applicant = svc.token({ sub: 'ent-user', role: 'applicant', org: ENTERPRISE });
    const asked = await svc.request('POST', '/api/v1/delegations', {
      token: applicant,
      body: { expiresAt: '2026-06-30T18:00:00+08:00' },
    });
    expect(asked.status, JSON.stringify(asked.body)).to.equal(201);
    const accept = `/api/v1/delegations/${asked.body.id}/accept`;
    const long = svc.token({ sub: 'agent-1', role: 'agent', org: 't'.repeat(65) });
    const response = await svc.request('POST', accept, { token: long });
    expectProblem(response, 401, 'unauthorized');
    expect(response.body.detail).to.equal('token org claim is too long: 65 characters, at most 64');
    const seen = await svc.request('GET', `/api/v1/delegations/${asked.body.id}`, { token: applicant });
    expect(seen.body.status).to.equal('requested');

    const longest = svc.token({ sub: 'agent-1', role: 'agent', org: 't'.repeat(64) });
    expect((await svc.request('POST', accept, { token: longest })).status).to.equal(200);
  });
});

describe('http/authentication rate limits', () => {
  const clerk = { sub: 'clerk-fire', role: 'clerk', org: 'fire' };

  describe('failed authentications per client address', () => {
    let svc: TestService;
    before(async () => {
      svc = await startTestService('sqlite', undefined, { env: { RATE_LIMIT_AUTH_FAILURES: '4' } });
    });
    after(async () => {
      await svc?.close();
    });

    const bad = () => svc.request('GET', '/api/v1/tasks', { token: svc.token(clerk, { secret: 'wrong' }) });

    it('should answer failures with 401, slowed past half the limit, then refuse with 429 and Retry-After', async () => {
      for (let i = 1; i <= 2; i++) expectProblem(await bad(), 401, 'unauthorized');
      expectProblem(await bad(), 401, 'unauthorized');
      const started = performance.now();
      expectProblem(await bad(), 401, 'unauthorized');
      // The fourth failure is two past half the limit: held back 2 × 100 ms.
      expect(performance.now() - started).to.be.at.least(190);

      const refused = await bad();
      expectProblem(refused, 429, 'too-many-requests');
      expect(refused.body.title).to.equal('Too Many Requests');
      expect(refused.body.detail).to.match(/failed authentications/);
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).to.be.within(1, 60);
      // A missing token is a failed authentication too.
      expectProblem(await svc.request('GET', '/api/v1/tasks'), 429, 'too-many-requests');
      // Past the limit a failing token is refused before the rest of the chain, with the very same answer.
      const early = await svc.request('POST', '/api/v1/applications', {
        token: svc.token(clerk, { secret: 'wrong' }),
        body: DRAFT,
      });
      expect(early.status).to.equal(429);
      expect(early.headers.get('content-type')).to.equal(refused.headers.get('content-type'));
      expect(early.body).to.deep.equal(refused.body);
      expect(Number(early.headers.get('retry-after'))).to.be.within(1, 60);
      // The limiter's draft-7 headers, its reset being the seconds left, as its Retry-After says.
      const rateLimit = (answer: typeof refused) => {
        const fields = /^limit=(\d+), remaining=(\d+), reset=(\d+)$/.exec(
          answer.headers.get('ratelimit') ?? '',
        );
        expect(fields, String(answer.headers.get('ratelimit'))).to.not.equal(null);
        const [limit, remaining, reset] = fields!.slice(1).map(Number);
        expect(reset).to.equal(Number(answer.headers.get('retry-after')));
        return { limit, remaining };
      };
      expect(refused.headers.get('ratelimit-policy')).to.equal('4;w=60');
      expect(early.headers.get('ratelimit-policy')).to.equal(refused.headers.get('ratelimit-policy'));
      expect(rateLimit(refused)).to.deep.equal({ limit: 4, remaining: 0 });
      expect(rateLimit(early)).to.deep.equal(rateLimit(refused));
      // The security headers of every answer, as the chain sets them.
      for (const name of ['content-security-policy', 'x-frame-options', 'x-content-type-options']) {
        expect(early.headers.get(name), name).to.be.a('string').and.equal(refused.headers.get(name));
      }
      expectProblem(
        await svc.request('GET', '/api/v1/workflows', { token: 'garbage' }),
        429,
        'too-many-requests',
      );
    });

    it('should never refuse a valid token from the same address', async () => {
      for (let i = 0; i < 10; i++) {
        const response = await svc.request('GET', '/api/v1/tasks', { token: svc.token(clerk) });
        expect(response.status, JSON.stringify(response.body)).to.equal(200);
      }
    });

    it('should leave public routes alone', async () => {
      expect((await svc.request('GET', '/api/v1/workflows')).status).to.equal(200);
      expect((await svc.request('GET', '/healthz')).status).to.equal(200);
    });

    it('should refuse before routing: a failing token on a path no route takes is 429, not 404', async () => {
      expectProblem(
        await svc.request('GET', '/api/v1/no-such-route', { token: 'garbage' }),
        429,
        'too-many-requests',
      );
      expect((await svc.request('GET', '/api/v1/no-such-route')).status).to.equal(404);
    });

    it('should answer probes and the scrape whatever token they carry', async () => {
      for (const path of ['/healthz', '/readyz', '/metrics']) {
        const response = await svc.request('GET', path, { token: 'garbage' });
        expect(response.status, path).to.equal(200);
      }
    });

    it('should count the early refusals in the request metrics, as unmatched 429s', async () => {
      const refusals = async () => {
        const families = parsePrometheusText((await svc.request('GET', '/metrics')).body);
        const labels = { method: 'POST', route: 'unmatched', status: '429' };
        return sampleValue(families, 'zerotrip_http_requests_total', labels) ?? 0;
      };
      const before = await refusals();
      for (let i = 0; i < 3; i++) {
        const response = await svc.request('POST', '/api/v1/applications', { token: 'garbage', body: DRAFT });
        expect(response.status).to.equal(429);
      }
      expect(await refusals()).to.equal(before + 3);
    });

    it('should keep the connection open after an early refusal, and answer what was pipelined behind it', async () => {
      const { hostname, host, port } = new URL(svc.baseUrl);
      const request = (token: string, connection: string) =>
        `GET /api/v1/tasks HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${token}\r\n` +
        `Connection: ${connection}\r\n\r\n`;
      const socket = connect(Number(port), hostname);
      // The second request asks to close, so that the whole exchange ends with the connection.
      const answers = await new Promise<string>((resolve, reject) => {
        let text = '';
        socket.on('data', (chunk) => (text += chunk.toString('latin1')));
        socket.on('end', () => resolve(text));
        socket.on('error', reject);
        socket.write(request('garbage', 'keep-alive') + request(svc.token(clerk), 'close'));
      }).finally(() => socket.destroy());
      const heads = answers.split(/(?=HTTP\/1\.1 \d{3} )/);
      expect(heads.map((head) => head.slice(9, 12))).to.deep.equal(['429', '200']);
      expect(heads[0]).to.match(/^Connection: keep-alive\r$/im);
    });
  });

  describe('authenticated calls per subject', () => {
    let svc: TestService;
    before(async () => {
      svc = await startTestService('sqlite', undefined, { env: { RATE_LIMIT_PER_SUBJECT: '3' } });
    });
    after(async () => {
      await svc?.close();
    });

    it('should refuse a subject past its budget with 429 and Retry-After, and change nothing', async () => {
      const busy = svc.token({ sub: 'busy-user', role: 'applicant', org: ENTERPRISE });
      for (let i = 0; i < 3; i++) {
        expect((await svc.request('GET', '/api/v1/applications', { token: busy })).status).to.equal(200);
      }
      const refused = await svc.request('POST', '/api/v1/applications', { token: busy, body: DRAFT });
      expectProblem(refused, 429, 'too-many-requests');
      expect(refused.body.detail).to.match(/busy-user/);
      expect(Number(refused.headers.get('retry-after'))).to.be.within(1, 60);

      const auditor = svc.token({ sub: 'auditor-1', role: 'auditor' });
      const list = await svc.request('GET', '/api/v1/applications', { token: auditor });
      expect(list.status).to.equal(200);
      expect(list.body.items).to.deep.equal([]);
    });

    it('should count each subject on its own, from the same address', async () => {
      const other = svc.token({ sub: 'other-user', role: 'applicant', org: ENTERPRISE });
      expect((await svc.request('GET', '/api/v1/applications', { token: other })).status).to.equal(200);
    });
  });
});

describe('http/authentication behind a reverse proxy', () => {
  const clerk = { sub: 'clerk-fire', role: 'clerk', org: 'fire' };
  const failFrom = (svc: TestService, address: string) =>
    svc.request('GET', '/api/v1/tasks', {
      token: svc.token(clerk, { secret: 'wrong' }),
      headers: { 'x-forwarded-for': address },
    });

  it('should ignore X-Forwarded-For without TRUST_PROXY, so a client cannot pick its own address', async () => {
    const svc = await startTestService('sqlite', undefined, { env: { RATE_LIMIT_AUTH_FAILURES: '2' } });
    try {
      expectProblem(await failFrom(svc, '203.0.113.1'), 401, 'unauthorized');
      expectProblem(await failFrom(svc, '203.0.113.2'), 401, 'unauthorized');
      expectProblem(await failFrom(svc, '203.0.113.3'), 429, 'too-many-requests');
      // Refused before the chain too, by the same address.
      expectProblem(await failFrom(svc, '203.0.113.4'), 429, 'too-many-requests');
    } finally {
      await svc.close();
    }
  });

  it('should count each client the trusted proxy names on its own', async () => {
    const svc = await startTestService('sqlite', undefined, {
      env: { RATE_LIMIT_AUTH_FAILURES: '2', TRUST_PROXY: 'loopback' },
    });
    try {
      expectProblem(await failFrom(svc, '203.0.113.1'), 401, 'unauthorized');
      expectProblem(await failFrom(svc, '203.0.113.1'), 401, 'unauthorized');
      expectProblem(await failFrom(svc, '203.0.113.1'), 429, 'too-many-requests');
      expectProblem(await failFrom(svc, '203.0.113.2'), 401, 'unauthorized');
      // Refused before the chain, by the address the proxy names, and only that one.
      expectProblem(await failFrom(svc, '203.0.113.1'), 429, 'too-many-requests');
      expectProblem(await failFrom(svc, '203.0.113.2'), 401, 'unauthorized');
    } finally {
      await svc.close();
    }
  });
});
