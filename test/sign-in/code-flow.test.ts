import { expect } from 'chai';
import { request as httpRequest } from 'node:http';
import { createCookieSealer } from '../../src/auth/sealed-cookie.ts';
import { API_ROUTES } from '../../src/app.ts';
import { buildOpenApi } from '../../src/openapi/index.ts';
import { mountedRoutes } from '../openapi/support.ts';
import { startTestService, type TestService } from '../support/http.ts';
import {
  CLIENT_ID,
  COOKIE_SECRET,
  oidcEnv,
  startTestProvider,
  type TestProvider,
} from '../support/oidc-provider.ts';
import { CookieJar, follow, JWT_PATTERN, send, signInAs, type Trail } from '../support/sign-in-flow.ts';

const ENTERPRISE = '91310115591693856A';

describe('sign-in through the identity provider (code flow, HTTP)', function () {
  this.timeout(30_000);
  let provider: TestProvider;
  let svc: TestService;
  const logLines: string[] = [];

  before(async () => {
    provider = await startTestProvider();
    svc = await startTestService('sqlite', undefined, { env: oidcEnv(provider), logLines });
    provider.register(svc.baseUrl);
  });

  after(async () => {
    await svc?.close();
    await provider?.close();
  });

  /** Why the sign-ins were refused, as the service logged it (for the operator). */
  const refusals = () =>
    logLines
      .map((line) => JSON.parse(line) as { msg: string; reason?: string })
      .filter((line) => line.msg === 'sign-in refused')
      .map((line) => line.reason ?? '');

  /** The API with the jar's cookies (the console's fetch), as the console on the service's origin sends it. */
  function api(jar: CookieJar, method: string, path: string) {
    return send(jar, `${svc.baseUrl}${path}`, {
      method,
      headers: { accept: 'application/json', ...(method !== 'GET' ? { origin: svc.baseUrl } : {}) },
    });
  }

  it('should sign an enterprise in by its USCC claim, into an HttpOnly, Secure, SameSite=Strict session cookie', async () => {
    const trail: Trail = [];
    const { jar, response, url } = await signInAs(svc.baseUrl, 'changjiang-legal', { trail });
    expect(response.status).to.equal(303);
    expect(url.href).to.equal(`${svc.baseUrl}/`);
    const set = jar.seen.find((c) => c.name === 'zt_session' && c.value !== '');
    expect(set, 'session cookie').to.not.equal(undefined);
    const attributes = set!.attributes.map((a) => a.toLowerCase());
    expect(attributes).to.include.members(['httponly', 'secure', 'samesite=strict', 'path=/']);

    const session = await api(jar, 'GET', '/auth/session');
    expect(await session.json()).to.deep.equal({
      provider: true,
      principal: {
        sub: 'changjiang-legal',
        role: 'applicant',
        org: ENTERPRISE,
        name: '长江建工（法人）',
        iss: provider.issuer,
      },
    });
    const cases = await api(jar, 'GET', '/api/v1/applications');
    expect(cases.status).to.equal(200);
    // No URL of the flow carries a token (the code and state are one-time and bound to the PKCE verifier).
    for (const step of trail) expect(step).to.not.match(JWT_PATTERN);
    for (const step of trail) expect(step).to.not.match(/[?&#](access_token|id_token|token)=/);
  });

  it('should sign a clerk in by the department claim, translated to ZeroTrip department code', async () => {
    const { jar } = await signInAs(svc.baseUrl, 'clerk-fire');
    const session = (await (await api(jar, 'GET', '/auth/session')).json()) as { principal: unknown };
    expect(session.principal).to.include({ role: 'clerk', org: 'fire', sub: 'clerk-fire' });
    expect((await api(jar, 'GET', '/api/v1/tasks')).status).to.equal(200);
  });

  it('should return to the page asked for before the sign-in, and never to another site', async () => {
    const back = await signInAs(svc.baseUrl, 'clerk-window', { next: '/inbox?x=1' });
    expect(back.url.href).to.equal(`${svc.baseUrl}/inbox?x=1`);
    const elsewhere = await signInAs(svc.baseUrl, 'clerk-window', { next: '//evil.example/steal' });
    expect(elsewhere.url.href).to.equal(`${svc.baseUrl}/`);
  });

  it("should refuse a callback whose state is not the browser's own sign-in (a code injected from another)", async () => {
    // The attacker's own sign-in, stopped just before its code reaches ZeroTrip…
    const attacker = new CookieJar();
    const callback = `${svc.baseUrl}/auth/callback`;
    const stolen = await follow(attacker, `${svc.baseUrl}/auth/login`, 'other-legal', [], (next) =>
      next.href.startsWith(callback),
    );
    // …delivered to the victim's browser, which has a sign-in of its own under way.
    const victim = new CookieJar();
    await send(victim, `${svc.baseUrl}/auth/login`);
    const answer = await send(victim, stolen.url);
    expect(answer.status).to.equal(400);
    expect(await answer.text()).to.contain('登录回应未通过校验');
    expect(victim.get('127.0.0.1', 'zt_session')).to.equal(undefined);
    expect(refusals().at(-1)).to.match(/state/i);
  });

  it('should refuse an ID token whose nonce is not the one the sign-in sent', async () => {
    const jar = new CookieJar();
    const login = await send(jar, `${svc.baseUrl}/auth/login`);
    expect(login.status).to.equal(303);
    // Only the service can read its sealed cookie; the test holds the secret, and swaps the nonce it expects.
    const sealer = createCookieSealer(COOKIE_SECRET);
    const transaction = sealer.open('sign-in', jar.get('127.0.0.1', 'zt_signin'))!;
    jar.set('127.0.0.1', 'zt_signin', sealer.seal('sign-in', { ...transaction, n: 'another-nonce' }, 600));
    const { response } = await follow(jar, login.headers.get('location')!, 'changjiang-legal');
    expect(response.status).to.equal(400);
    expect(jar.get('127.0.0.1', 'zt_session')).to.equal(undefined);
    expect(refusals().at(-1)).to.match(/nonce/i);
  });

  it('should refuse a callback with no sign-in under way, and a provider that refused', async () => {
    const jar = new CookieJar();
    const none = await send(jar, `${svc.baseUrl}/auth/callback?code=abc&state=def`);
    expect(none.status).to.equal(400);
    expect(await none.text()).to.contain('登录请求已过期');
    await send(jar, `${svc.baseUrl}/auth/login`);
    const denied = await send(jar, `${svc.baseUrl}/auth/callback?error=access_denied&state=x`);
    expect(denied.status).to.equal(400);
    expect(await denied.text()).to.contain('统一身份认证平台未完成登录');
  });

  it('should give a person with no ZeroTrip role a page in Chinese that says so, and no session', async () => {
    const { jar, response } = await signInAs(svc.baseUrl, 'citizen-li');
    expect(response.status).to.equal(403);
    expect(response.headers.get('content-type')).to.match(/^text\/html/);
    const page = await response.text();
    expect(page).to.contain('您的账号尚未开通本系统权限');
    expect(page).to.contain('李四');
    expect(page).to.contain('action="/auth/logout"');
    expect(jar.get('127.0.0.1', 'zt_session')).to.equal(undefined);
    const session = (await (await api(jar, 'GET', '/auth/session')).json()) as { principal: unknown };
    expect(session.principal).to.equal(null);
  });

  it('should refuse an unsafe request with the session cookie from another origin or none (CSRF)', async () => {
    const { jar } = await signInAs(svc.baseUrl, 'changjiang-legal');
    const url = `${svc.baseUrl}/api/v1/applications`;
    const json = { 'content-type': 'application/json', 'idempotency-key': 'csrf-1' };
    const foreign = await send(jar, url, {
      method: 'POST',
      headers: { ...json, origin: 'https://evil.example' },
    });
    expect(foreign.status).to.equal(403);
    const noOrigin = await send(jar, url, { method: 'POST', headers: json });
    expect(noOrigin.status).to.equal(403);
    const crossSite = await send(jar, url, {
      method: 'POST',
      headers: { ...json, origin: svc.baseUrl, 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.status).to.equal(403);
    const nullWithoutMetadata = await send(jar, url, {
      method: 'POST',
      headers: { ...json, origin: 'null' },
    });
    expect(nullWithoutMetadata.status).to.equal(403);
    // From the console itself the request reaches the route (which then judges the empty body): a fetch names
    // the origin; a form post of a page with Referrer-Policy no-referrer says `Origin: null`, and fetch
    // metadata says same-origin.
    const own = await send(jar, url, { method: 'POST', headers: { ...json, origin: svc.baseUrl } });
    expect(own.status).to.not.be.oneOf([401, 403]);
    const form = await send(jar, url, {
      method: 'POST',
      headers: { ...json, origin: 'null', 'sec-fetch-site': 'same-origin' },
    });
    expect(form.status).to.not.be.oneOf([401, 403]);
  });

  it('should answer 401 for a spoilt session cookie, and a bearer token wins over the cookie', async () => {
    const jar = new CookieJar();
    jar.set('127.0.0.1', 'zt_session', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    const spoilt = await api(jar, 'GET', '/api/v1/applications');
    expect(spoilt.status).to.equal(401);
    expect(((await spoilt.json()) as { detail: string }).detail).to.contain('session has ended');
    const { jar: signedIn } = await signInAs(svc.baseUrl, 'changjiang-legal');
    const withBadBearer = await send(signedIn, `${svc.baseUrl}/api/v1/applications`, {
      headers: { authorization: 'Bearer not-a-token' },
    });
    expect(withBadBearer.status).to.equal(401);
  });

  it("should sign out at the service and at the provider (RP-initiated logout), only from the service's own pages", async () => {
    const { jar } = await signInAs(svc.baseUrl, 'changjiang-legal');
    const forged = await send(jar, `${svc.baseUrl}/auth/logout`, {
      method: 'POST',
      headers: { origin: 'https://evil.example' },
    });
    expect(forged.status).to.equal(403);
    expect(jar.get('127.0.0.1', 'zt_session')).to.not.equal(undefined);

    const out = await send(jar, `${svc.baseUrl}/auth/logout`, {
      method: 'POST',
      headers: { origin: svc.baseUrl },
    });
    expect(out.status).to.equal(303);
    const end = new URL(out.headers.get('location')!);
    expect(end.origin).to.equal(provider.issuer);
    expect(end.searchParams.get('client_id')).to.equal(CLIENT_ID);
    expect(end.searchParams.get('post_logout_redirect_uri')).to.equal(`${svc.baseUrl}/sign-in`);
    expect(end.searchParams.has('id_token_hint')).to.equal(false);
    expect(jar.get('127.0.0.1', 'zt_session')).to.equal(undefined);
    expect((await api(jar, 'GET', '/api/v1/applications')).status).to.equal(401);
    // The provider's own logout page: confirming it ends the provider's session and comes back.
    const confirm = await send(jar, end);
    expect(confirm.status).to.equal(200);
    const form = await confirm.text();
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(form)?.[1];
    expect(xsrf, 'the logout form').to.be.a('string');
    const done = await send(jar, new URL('/session/end/confirm', provider.issuer), {
      method: 'POST',
      form: { xsrf: xsrf!, logout: 'yes' },
    });
    const back = await follow(jar, new URL(done.headers.get('location')!, provider.issuer).href, 'none');
    expect(back.url.href).to.equal(`${svc.baseUrl}/sign-in`);
  });

  it('should refuse to start a sign-in over plain http from another machine (its Secure cookies would be dropped)', async () => {
    // fetch will not send another Host; node:http will, as a browser reaching the service by its name does.
    const answer = await new Promise<{ status: number; body: string; cookies: string[] }>(
      (resolve, reject) => {
        const req = httpRequest(
          `${svc.baseUrl}/auth/login`,
          { headers: { host: 'zerotrip.intranet:8080' } },
          (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (body += chunk));
            res.on('end', () =>
              resolve({ status: res.statusCode!, body, cookies: res.headers['set-cookie'] ?? [] }),
            );
          },
        );
        req.on('error', reject);
        req.end();
      },
    );
    expect(answer.status).to.equal(400);
    expect(answer.body).to.contain('需要通过 HTTPS 访问本系统');
    expect(answer.cookies).to.deep.equal([]);
  });

  it('should offer no development sign-in beside the provider', async () => {
    const response = await svc.request('POST', '/api/v1/dev/token', { body: { role: 'admin' } });
    expect(response.status).to.equal(404);
    expect(svc.service.keys).to.equal(undefined);
  });

  it('should mount the browser pages of the sign-in besides the documented API, and nothing else', () => {
    const { document } = buildOpenApi(API_ROUTES);
    const documented = Object.entries(document.paths).flatMap(([template, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${template}`),
    );
    const extra = mountedRoutes(svc.service.app).filter((route) => !documented.includes(route));
    expect(extra).to.deep.equal(['GET /auth/callback', 'GET /auth/login', 'POST /auth/logout']);
  });

  it('should log no code, state or token', () => {
    const text = logLines.join('\n');
    expect(text).to.contain('/auth/callback?code=REDACTED');
    expect(text).to.not.match(JWT_PATTERN);
    for (const line of logLines) {
      const url = (JSON.parse(line) as { url?: string }).url;
      if (url?.includes('code=')) expect(url).to.match(/code=REDACTED/);
    }
  });
});
