import { expect } from 'chai';
import { securityHeaderList } from '../../src/http/security-headers.ts';
import { startTestService, type TestService } from '../support/http.ts';

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: string | null): Map<string, string[]> {
  expect(header, 'Content-Security-Policy').to.be.a('string');
  return new Map(
    header!
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('http/security headers', () => {
  let svc: TestService;
  before(async () => {
    svc = await startTestService('sqlite');
  });
  after(async () => {
    await svc?.close();
  });

  for (const path of ['/', '/sign-in', '/docs', '/docs/init.js', '/api/v1/workflows', '/no/such/page.txt']) {
    it(`should send the security headers on ${path}`, async () => {
      const response = await svc.request('GET', path);
      expect(response.headers.get('x-content-type-options')).to.equal('nosniff');
      expect(response.headers.get('referrer-policy')).to.equal('no-referrer');
      expect(response.headers.get('x-frame-options')).to.equal('DENY');
      const csp = directives(response.headers.get('content-security-policy'));
      expect(csp.get('frame-ancestors')).to.deep.equal(["'none'"]);
      expect(csp.get('default-src')).to.deep.equal(["'self'"]);
      // No inline script anywhere: the console and the Swagger UI page load theirs from files.
      expect(csp.get('script-src')).to.deep.equal(["'self'"]);
      expect(csp.get('script-src-attr')).to.deep.equal(["'none'"]);
      expect(csp.get('object-src')).to.deep.equal(["'none'"]);
      expect(csp.has('upgrade-insecure-requests'), 'the service may be reached over plain HTTP').to.equal(
        false,
      );
    });
  }

  it('should record the headers once, with the identity provider among the form targets', () => {
    const headers = new Map(securityHeaderList(['https://idp.example']));
    const csp = directives(headers.get('Content-Security-Policy') ?? null);
    expect(csp.get('form-action')).to.deep.equal(["'self'", 'https://idp.example']);
    expect(headers.get('X-Frame-Options')).to.equal('DENY');
  });

  it('should keep authenticated answers out of every cache (no-store)', async () => {
    const token = svc.token({ sub: 'clerk-fire', role: 'clerk', org: 'fire' });
    for (const path of ['/api/v1/tasks', '/api/v1/applications', '/api/v1/metrics/backlog']) {
      const response = await svc.request('GET', path, {
        token: path.includes('metrics') ? svc.token({ sub: 'a', role: 'auditor' }) : token,
      });
      expect(response.status, path).to.equal(200);
      expect(response.headers.get('cache-control'), path).to.equal('no-store');
    }
  });

  it('should leave public answers cacheable as before', async () => {
    const response = await svc.request('GET', '/api/v1/workflows');
    expect(response.headers.get('cache-control')).to.not.equal('no-store');
  });

  it('should serve the /docs page without an inline script', async () => {
    const page = await svc.request('GET', '/docs');
    expect(page.status).to.equal(200);
    const scripts = String(page.body).match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? [];
    expect(scripts).to.not.be.empty;
    for (const script of scripts) expect(script).to.match(/^<script src="[^"]+"><\/script>$/);
  });
});
