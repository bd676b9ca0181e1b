import { generateKeyPairSync } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.ts';
import { FixedClock } from '../../src/engine/clock.ts';
import { buildService } from '../../src/service.ts';
import { openTestDatabase } from '../support/databases.ts';
import { ENTERPRISE } from '../support/harness.ts';
import { expectProblem, startTestService, type TestService } from '../support/http.ts';

describe('http/dev-token', () => {
  describe('on the development secret', () => {
    let svc: TestService;
    before(async () => {
      svc = await startTestService('sqlite', undefined, { developmentSecret: true });
    });
    after(async () => {
      await svc.close();
    });

    it('should sign in as any role and organisation, with a token the service accepts', async () => {
      const signed = await svc.request('POST', '/api/v1/dev/token', {
        body: { role: 'applicant', org: ENTERPRISE },
      });
      expect(signed.status).to.equal(201);
      expect(signed.body.claims).to.deep.include({
        role: 'applicant',
        org: ENTERPRISE,
        sub: `applicant-${ENTERPRISE}`,
      });
      const list = await svc.request('GET', '/api/v1/applications', { token: signed.body.token });
      expect(list.status).to.equal(200);
    });

    it('should refuse an unknown role or an applicant without a well-formed USCC (422)', async () => {
      const role = await svc.request('POST', '/api/v1/dev/token', { body: { role: 'mayor' } });
      expect(role.status).to.equal(422);
      expect(role.body.errors[0].pointer).to.equal('/role');
      const org = await svc.request('POST', '/api/v1/dev/token', {
        body: { role: 'applicant', org: 'ACME' },
      });
      expect(org.status).to.equal(422);
      expect(org.body.errors[0].pointer).to.equal('/org');
    });

    it('should refuse a sub longer than the service keeps, pointing at /sub (422)', async () => {
      const response = await svc.request('POST', '/api/v1/dev/token', {
        body: { role: 'admin', sub: 'u'.repeat(201) },
      });
      expectProblem(response, 422, 'validation-failed');
      expect(response.body.errors[0]).to.deep.include({ pointer: '/sub' });
      expect(response.body.detail).to.match(/sub claim is too long/);
      expect(response.body).to.not.have.property('token');
    });
  });

  describe('with a configured key', () => {
    it('should not exist outside production either: 404, and nothing signed', async () => {
      // A staging or test instance with a real key must not hand admin tokens to anyone who asks.
      const svc = await startTestService('sqlite');
      try {
        const response = await svc.request('POST', '/api/v1/dev/token', { body: { role: 'admin' } });
        expectProblem(response, 404, 'not-found');
        expect(response.body).to.not.have.property('token');
      } finally {
        await svc.close();
      }
    });

    it('should not exist in production: 404, and nothing signed', async () => {
      const database = await openTestDatabase('sqlite');
      const service = await buildService(
        loadConfig({
          NODE_ENV: 'production',
          JWT_SECRET: 'a-production-secret',
          DATABASE_URL: database.url,
          // Production also needs the licences' key and public address.
          LICENCE_SIGNING_KEY: generateKeyPairSync('ec', { namedCurve: 'SM2' })
            .privateKey.export({ type: 'pkcs8', format: 'pem' })
            .toString(),
          PUBLIC_BASE_URL: 'https://zerotrip.example',
        }),
        {
          clock: new FixedClock('2026-03-02T09:00:00+08:00'),
          db: database.db,
          logger: pino({ level: 'silent' }),
        },
      );
      const server = service.app.listen(0);
      try {
        const { port } = server.address() as AddressInfo;
        const response = await fetch(`http://127.0.0.1:${port}/api/v1/dev/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ role: 'admin' }),
        });
        expect(response.status).to.equal(404);
        const body = (await response.json()) as { type: string; token?: string };
        expect(body.type).to.equal('not-found');
        expect(body).to.not.have.property('token');
      } finally {
        server.close();
        await database.close();
      }
    });
  });
});
