import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { people, startTestService, type People, type TestService } from '../support/http.ts';
import { issuedPermitLicence } from '../support/licences.ts';
import { buildConsole, personPage, sharedChromium, screenshot, signIn } from './browser.ts';

const ENTERPRISE = '91310115591693856A';
const OTHER = '91310110666007217T';
const CODE = '2026-360200-48-01-000173';

describe('console project page (headless Chromium)', function () {
  this.timeout(180_000);
  let svc: TestService;
  let browser: Browser;
  let who: People;
  let caseId = '';

  before(async () => {
    browser = await sharedChromium();
    buildConsole();
    svc = await startTestService('sqlite', undefined, { developmentSecret: true });
    who = people(svc, ENTERPRISE, OTHER);
    svc.clock.set('2026-03-02T10:00:00+08:00');
    ({ caseId } = await issuedPermitLicence({ svc, who }));
  });

  after(async () => {
    await svc?.close();
  });

  it('should lead from a case to its project and show the four stages with the case in stages 2 and 3', async () => {
    const { context, page, errors } = await personPage(browser, svc.baseUrl);
    try {
      await signIn(page, { role: 'applicant', org: ENTERPRISE });
      await page.goto(`/cases/${caseId}`);
      await page.getByRole('link', { name: '查看项目全流程' }).click();
      await page.waitForURL((url) => url.pathname === `/projects/${CODE}`);
      await page
        .getByRole('heading', { level: 1, name: 'Aviation Town Component Plant, Building 3' })
        .waitFor();
      for (const name of [
        '第1阶段 立项用地规划许可',
        '第2阶段 工程建设许可',
        '第3阶段 施工许可',
        '第4阶段 竣工验收',
      ]) {
        await page.getByRole('heading', { level: 2, name }).waitFor();
      }
      expect(await page.locator('#stage-1').getByText('本阶段尚无办件。').count()).to.equal(1);
      const stage2 = page.locator('#stage-2');
      expect(await stage2.getByText('已完成').count()).to.equal(1);
      expect(await stage2.getByRole('link', { name: '建筑工程施工许可' }).getAttribute('href')).to.equal(
        `/cases/${caseId}`,
      );
      await page.getByText('0 个工作日 / 目标 120 个工作日').waitFor();
      await screenshot(page, 'project');
    } finally {
      await context.close();
    }
    expect(errors).to.deep.equal([]);
  });

  it('should tell another enterprise that there is no such project it can see', async () => {
    const { context, page, errors } = await personPage(browser, svc.baseUrl);
    try {
      await signIn(page, { role: 'applicant', org: OTHER });
      await page.goto(`/projects/${CODE}`);
      await page.getByText(`没有您可以查看的项目 ${CODE}`).waitFor();
    } finally {
      await context.close();
    }
    expect(errors).to.deep.equal([]);
  });
});
