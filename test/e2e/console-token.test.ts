import { expect } from 'chai';
import { personPage } from './browser.ts';
import { consoleSuite, PROPER_NAMES } from './console-suite.ts';
import { watchForEnglish } from './english-scan.ts';

// Signing in by token without the development form: one from the address's fragment, one pasted, kept for
// the browser session only.
describe('console (headless Chromium): the session token', function () {
  this.timeout(300_000);
  const suite = consoleSuite();

  it('should take a token from the URL fragment or pasted, and keep it for the browser session only', async () => {
    const { context, page, errors } = await personPage(suite.browser, suite.svc.baseUrl);
    await watchForEnglish(context, PROPER_NAMES, suite.english);
    try {
      await page.goto(`/#token=${suite.who.clerk('fire')}`);
      await page.waitForURL('**/inbox');
      expect(new URL(page.url()).hash, 'the token stays out of the address bar').to.equal('');
      const stored = await page.evaluate<string>(
        'JSON.stringify({ session: Object.keys(sessionStorage), local: Object.keys(localStorage) })',
      );
      expect(JSON.parse(stored)).to.deep.equal({ session: ['zerotrip.token'], local: [] });

      await page.getByRole('button', { name: '退出' }).click();
      await page.getByText('使用令牌登录').click();
      await page.getByLabel('令牌（JWT）').fill('not a token');
      await page.getByRole('button', { name: '使用此令牌' }).click();
      await page.getByText('这不是可用的令牌').waitFor();
      await page.getByLabel('令牌（JWT）').fill(suite.who.auditor);
      await page.getByRole('button', { name: '使用此令牌' }).click();
      await page.waitForURL('**/audit');
    } finally {
      suite.pageErrors.push(...errors);
      await context.close();
    }
  });
});
