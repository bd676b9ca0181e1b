import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { people, startTestService, type People, type TestService } from '../support/http.ts';
import { issuedPermitLicence } from '../support/licences.ts';
import { buildConsole, personPage, sharedChromium, screenshot, signIn } from './browser.ts';

const ENTERPRISE = '91310115591693856A';
const OTHER = '91310110666007217T';

describe('console ratings (headless Chromium)', function () {
  this.timeout(180_000);
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

  it('should let the enterprise rate a decision with five levels, and the rated department follow it up from its inbox', async () => {
    const { caseId } = await issuedPermitLicence({ svc, who });
    const enterprise = await personPage(browser, svc.baseUrl);
    try {
      await signIn(enterprise.page, { role: 'applicant', org: ENTERPRISE, sub: 'ent-rater' });
      await enterprise.page.goto(`/cases/${caseId}`);
      const section = enterprise.page.locator('#ratings');
      await section.getByRole('heading', { name: '评价（好差评）' }).waitFor();
      const levels = section.getByRole('group', { name: '评价等级' }).getByRole('radio');
      expect(await levels.count()).to.equal(5);
      await section.getByLabel('评价对象').selectOption('planning');
      await section.getByRole('radio', { name: '不满意', exact: true }).check();
      await section.getByLabel('评价内容（选填）').fill('补正要求前后不一');
      await section.getByRole('button', { name: '提交评价' }).click();
      await section.getByRole('link', { name: '差评整改：待联系' }).waitFor();
      await screenshot(enterprise.page, 'rating-case');
    } finally {
      await enterprise.context.close();
    }
    expect(enterprise.errors).to.deep.equal([]);

    const clerk = await personPage(browser, svc.baseUrl);
    try {
      await signIn(clerk.page, { role: 'clerk', org: 'planning' });
      await clerk.page.goto('/inbox');
      const link = clerk.page.locator('a[href^="/rating-follow-ups/"]').first();
      await link.click();
      await clerk.page.getByRole('heading', { name: /^差评整改/ }).waitFor();
      await clerk.page.getByRole('button', { name: '提交' }).click();
      await clerk.page.getByText('核查中').first().waitFor();
      expect(await clerk.page.content()).not.to.contain('ent-rater');
      await screenshot(clerk.page, 'rating-follow-up');
    } finally {
      await clerk.context.close();
    }
    expect(clerk.errors).to.deep.equal([]);
  });
});
