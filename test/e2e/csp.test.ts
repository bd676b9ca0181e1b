import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { startTestService, type TestService } from '../support/http.ts';
import { buildConsole, personPage, sharedChromium, signIn } from './browser.ts';

/** Records every Content-Security-Policy violation the page reports, both as console message and as event. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  page.on('pageerror', (error) => {
    if (/Content Security Policy|unsafe-eval|unsafe-inline/i.test(error.message))
      violations.push(error.message);
  });
  await page.exposeFunction('reportCspViolation', (text: string) => violations.push(text));
  // As text: the tests compile without the DOM library. Init scripts are not subject to the page's CSP.
  await page.addInitScript(`document.addEventListener('securitypolicyviolation', (event) => {
    window.reportCspViolation(event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline') +
      ' (' + event.sourceFile + ':' + event.lineNumber + ')');
  });`);
  return violations;
}

describe('Content-Security-Policy in Chromium', function () {
  this.timeout(120_000);
  let svc: TestService;
  let browser: Browser;

  before(async () => {
    browser = await sharedChromium();
    buildConsole();
    svc = await startTestService('sqlite', undefined, { developmentSecret: true });
  });
  after(async () => {
    await svc?.close();
  });

  it('should render the /docs page (Swagger UI) with no CSP violation', async () => {
    const { context, page, errors } = await personPage(browser, svc.baseUrl);
    try {
      const violations = await watchViolations(page);
      const response = await page.goto('/docs');
      expect(response!.headers()['content-security-policy']).to.include("script-src 'self'");
      await page.locator('.swagger-ui .info .title').waitFor();
      await page.getByText('/api/v1/applications', { exact: true }).first().waitFor();
      expect(violations).to.deep.equal([]);
      expect(errors).to.deep.equal([]);
    } finally {
      await context.close();
    }
  });

  it('should run the console, sign-in included, with no CSP violation', async () => {
    const { context, page, errors } = await personPage(browser, svc.baseUrl);
    try {
      const violations = await watchViolations(page);
      const response = await page.goto('/sign-in');
      expect(response!.headers()['content-security-policy']).to.include("frame-ancestors 'none'");
      await signIn(page, { role: 'applicant', org: '91310115591693856A' });
      await page.getByRole('heading', { name: '我的办件' }).waitFor();
      expect(violations).to.deep.equal([]);
      expect(errors).to.deep.equal([]);
    } finally {
      await context.close();
    }
  });
});
