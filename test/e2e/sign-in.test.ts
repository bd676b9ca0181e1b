import { generateKeyPairSync } from 'node:crypto';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import { startTestService, type TestService } from '../support/http.ts';
import { oidcEnv, startTestProvider, type TestProvider } from '../support/oidc-provider.ts';
import { JWT_PATTERN } from '../support/sign-in-flow.ts';

/** A fresh SM2 private key (PKCS #8 PEM), as an operator would configure one. */
function sm2PrivateKeyPem(): string {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'SM2' });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}
import { buildConsole, personPage, sharedChromium } from './browser.ts';

/**
 * The console signing in through a real OpenID provider's own login page, in production mode: the code flow
 * with PKCE done by the service, a session cookie the page cannot read, and no token in any URL the browser
 * opens, any request it sends, its sessionStorage, or the service's log.
 */
describe('console sign-in through the identity provider (headless Chromium, production mode)', function () {
  this.timeout(120_000);
  let browser: Browser;
  let provider: TestProvider;
  let svc: TestService;
  const logLines: string[] = [];

  before(async () => {
    browser = await sharedChromium();
    buildConsole();
    provider = await startTestProvider();
    svc = await startTestService('sqlite', undefined, {
      // Production also needs the key that signs licences and the address their QR codes name.
      env: {
        ...oidcEnv(provider),
        NODE_ENV: 'production',
        LICENCE_SIGNING_KEY: sm2PrivateKeyPem(),
        PUBLIC_BASE_URL: 'https://zerotrip.example.gov.cn',
      },
      logLines,
    });
    provider.register(svc.baseUrl);
  });

  after(async () => {
    await svc?.close();
    await provider?.close();
  });

  /**
   * Runs `act` in a browser context of its own, recording every URL it opens and every header it sends; none
   * may carry a token, but for the URLs of `opened` (the test's own, typed into the address bar).
   */
  async function inBrowser(act: (page: Page) => Promise<void>, opened: string[] = []): Promise<void> {
    const { context, page, errors } = await personPage(browser, svc.baseUrl);
    // The provider's stock pages import a web font from the internet; this closed network has none to offer.
    await context.route(/^https:\/\//, (route) => route.abort());
    const seen: string[] = [];
    page.on('request', (request) => {
      seen.push(request.url());
      const authorization = request.headers().authorization;
      if (authorization) seen.push(`authorization: ${authorization}`);
    });
    page.on('framenavigated', (frame) => seen.push(frame.url()));
    try {
      await act(page);
      for (const entry of seen.filter((url) => !opened.includes(url))) {
        expect(entry, 'a URL or header of the browser').to.not.match(JWT_PATTERN);
        expect(entry).to.not.match(/[?&#](access_token|id_token|token)=/);
        expect(entry).to.not.match(/^authorization:/);
      }
      expect(errors, 'uncaught errors in the page').to.deep.equal([]);
    } finally {
      await context.close();
    }
  }

  /** At the provider's login page (its own, devInteractions), signs in as `login`. */
  async function providerLogin(page: Page, login: string): Promise<void> {
    await page.waitForURL((url) => url.origin === provider.issuer);
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
  }

  /** What the page keeps in sessionStorage and in cookies its scripts can read. */
  const storage = (page: Page) =>
    page.evaluate<{ session: Record<string, string>; cookies: string }>(
      '({ session: Object.fromEntries(Object.entries(window.sessionStorage)), cookies: document.cookie })',
    );

  it('should sign an enterprise in at the provider and back to the page it asked for, keeping no token in the page', async () => {
    await inBrowser(async (page) => {
      await page.goto('/cases');
      await page.waitForURL(/\/sign-in\?next=%2Fcases$/);
      // Neither the development sign-in nor a token field: only the provider.
      expect(await page.getByLabel('身份').count()).to.equal(0);
      expect(await page.getByText('使用令牌登录').count()).to.equal(0);
      await page.getByRole('link', { name: '使用政务服务统一身份认证登录' }).click();
      await providerLogin(page, 'changjiang-legal');
      await page.waitForURL(`${svc.baseUrl}/cases`);
      await page.getByRole('heading', { name: '我的办件' }).waitFor();
      expect(await page.locator('header .who').textContent()).to.contain('91310115591693856A');

      expect(await storage(page)).to.deep.equal({ session: {}, cookies: '' });
      const cookie = (await page.context().cookies(svc.baseUrl)).find((c) => c.name === 'zt_session');
      expect(cookie).to.include({ httpOnly: true, secure: true, sameSite: 'Strict' });

      // The console's own unsafe request carries the cookie and its Origin, and passes the CSRF check.
      const application = constructionPermitApplication();
      const filed = await page.evaluate<number>(
        `fetch('/api/v1/applications', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': 'e2e-sign-in-1' },
          body: ${JSON.stringify(JSON.stringify(application))},
        }).then((response) => response.status)`,
      );
      expect(filed).to.equal(201);
      await page.reload();
      await page.getByRole('link', { name: String(application.project.name) }).waitFor();
    });
  });

  it('should sign a clerk in by department, and sign out at the service and at the provider', async () => {
    await inBrowser(async (page) => {
      await page.goto('/sign-in');
      await page.getByRole('link', { name: '使用政务服务统一身份认证登录' }).click();
      await providerLogin(page, 'clerk-window');
      await page.waitForURL(`${svc.baseUrl}/inbox`);
      await page.getByRole('heading', { name: /综合窗口/ }).waitFor();
      expect(await storage(page)).to.deep.equal({ session: {}, cookies: '' });

      await page.getByRole('button', { name: '退出', exact: true }).click();
      // The provider asks whether to sign out of it too (RP-initiated logout), then comes back.
      await page.waitForURL((url) => url.origin === provider.issuer);
      await page.getByRole('button', { name: '退出统一身份认证' }).click();
      await page.waitForURL(`${svc.baseUrl}/sign-in`);
      await page.getByRole('link', { name: '使用政务服务统一身份认证登录' }).waitFor();
      expect((await page.context().cookies(svc.baseUrl)).map((c) => c.name)).to.not.include('zt_session');
      await page.goto('/inbox');
      await page.waitForURL(/\/sign-in\?next=%2Finbox$/);
      // Signed out at the provider too: signing in again asks for the login.
      await page.getByRole('link', { name: '使用政务服务统一身份认证登录' }).click();
      await page.waitForURL(
        (url) => url.origin === provider.issuer && url.pathname.startsWith('/interaction/'),
      );
      await page.locator('input[name="login"]').waitFor();
    });
  });

  it('should show a person with no ZeroTrip role a page in Chinese saying so', async () => {
    await inBrowser(async (page) => {
      await page.goto('/sign-in');
      await page.getByRole('link', { name: '使用政务服务统一身份认证登录' }).click();
      await providerLogin(page, 'citizen-li');
      await page.getByRole('heading', { name: '您的账号尚未开通本系统权限' }).waitFor();
      expect(await page.textContent('body')).to.contain('李四');
      await page.getByRole('button', { name: '退出并使用其他账号登录' }).waitFor();
      expect(await storage(page)).to.deep.equal({ session: {}, cookies: '' });
    });
  });

  it("should drop a token handed over in the URL fragment unread, and keep none of the service's log lines with a token", async () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluIn0.c2ln';
    const opened = `${svc.baseUrl}/sign-in#token=${token}`;
    await inBrowser(
      async (page) => {
        await page.goto(opened);
        await page.getByRole('link', { name: '使用政务服务统一身份认证登录' }).waitFor();
        expect(new URL(page.url()).hash).to.equal('');
        expect(await storage(page)).to.deep.equal({ session: {}, cookies: '' });
      },
      [opened],
    );
    expect(logLines.length).to.be.greaterThan(0);
    expect(logLines.join('\n')).to.not.match(JWT_PATTERN);
  });
});
