import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { people, startTestService, type People, type TestService } from '../support/http.ts';
import { issuedOnPledge } from '../support/pledge.ts';
import { buildConsole, personPage, sharedChromium, screenshot, signIn } from './browser.ts';

const ENTERPRISE = '91310115591693856A';
const OTHER = '91310110666007217T';

describe('console approval on pledge (headless Chromium)', function () {
  this.timeout(120_000);
  let svc: TestService;
  let browser: Browser;
  let who: People;

  before(async () => {
    browser = await sharedChromium();
    buildConsole();
    svc = await startTestService('sqlite', undefined, { developmentSecret: true });
    who = people(svc, ENTERPRISE, OTHER);
  });

  after(async () => {
    await svc?.close();
  });

  it('should offer the pledge on the filing form with its full text, in words, never as raw fields', async () => {
    const { context, page, errors } = await personPage(browser, svc.baseUrl);
    try {
      await signIn(page, { role: 'applicant', org: ENTERPRISE });
      await page.goto('/cases/new?workflow=construction-permit');
      const choice = page.getByRole('group', { name: '告知承诺制审批' });
      await choice.waitFor();
      await choice.getByText(/建筑工程施工许可告知承诺书/).waitFor();
      const box = choice.getByRole('checkbox', { name: /申请按告知承诺制审批/ });
      await box.check();
      expect(await box.isChecked()).to.equal(true);
      expect(await page.getByText(/approval ?on ?pledge|text ?sha256/i).count()).to.equal(0);
      await screenshot(page, 'pledge-filing');
    } finally {
      await context.close();
    }
    expect(errors).to.deep.equal([]);
  });

  it("should open the verification from the housing inbox and record the department's finding", async () => {
    const { verification } = await issuedOnPledge({ svc, who });
    const { context, page, errors } = await personPage(browser, svc.baseUrl);
    try {
      await signIn(page, { role: 'clerk', org: 'housing' });
      await page.goto('/inbox');
      await page.locator(`a[href="/pledge-verifications/${verification.id}"]`).first().click();
      await page.getByRole('heading', { name: '告知承诺核查' }).waitFor();
      await page.getByText('核查中', { exact: true }).waitFor();
      await page.getByLabel('核查方式').selectOption('online');
      await page.getByRole('button', { name: '核查属实' }).click();
      await page.getByText('核查完毕', { exact: true }).waitFor();
      await page.getByText(/网络核查/).waitFor();
      await screenshot(page, 'pledge-verification');
    } finally {
      await context.close();
    }
    expect(errors).to.deep.equal([]);
  });

  it('should show administrators the credit register', async () => {
    const { context, page, errors } = await personPage(browser, svc.baseUrl);
    try {
      await signIn(page, { role: 'admin' });
      await page.getByRole('link', { name: '信用记录' }).click();
      await page.getByRole('heading', { name: '信用记录', level: 1 }).waitFor();
      await page.getByRole('heading', { name: '登记严重失信记录' }).waitFor();
    } finally {
      await context.close();
    }
    expect(errors).to.deep.equal([]);
  });
});
