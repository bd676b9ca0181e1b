import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { people, startTestService, type People, type TestService } from '../support/http.ts';
import { issuedPermitLicence } from '../support/licences.ts';
import { buildConsole, launchChromium, personPage, screenshot, signIn } from './browser.ts';

const ENTERPRISE = '91310115591693856A';
const OTHER = '91310110666007217T';

describe('console licences (headless Chromium)', function () {
  this.timeout(120_000);
  let svc: TestService;
  let browser: Browser;
  let who: People;

  before(async () => {
    browser = await launchChromium();
    buildConsole();
    svc = await startTestService('sqlite', undefined, { developmentSecret: true });
    who = people(svc, ENTERPRISE, OTHER);
  });

  after(async () => {
    await browser?.close();
    await svc?.close();
  });

  it("should show the licence on the enterprise's case page with its status, the PDF and the QR code", async () => {
    const { caseId, number } = await issuedPermitLicence({ svc, who });
    const { context, page, errors } = await personPage(browser, svc.baseUrl);
    try {
      await signIn(page, { role: 'applicant', org: ENTERPRISE });
      await page.goto(`/cases/${caseId}`);
      const section = page.locator('#licences');
      await section.getByRole('heading', { name: '建筑工程施工许可证' }).waitFor();
      await section.getByRole('status').getByText('有效', { exact: true }).waitFor();
      expect(await section.getByText(number).count()).to.equal(1);
      const pdf = section.getByRole('link', { name: '下载证照（PDF）' });
      expect(await pdf.getAttribute('href')).to.equal(`/api/v1/licences/${number}/pdf`);
      const qr = section.getByRole('img', { name: '核验二维码' });
      await qr.waitFor();
      expect(await qr.getAttribute('src')).to.match(/^data:image\/png;base64,/);
      await screenshot(page, 'licence-case');
    } finally {
      await context.close();
    }
    expect(errors).to.deep.equal([]);
  });

  it('should verify a licence in public, without signing in, and say at once when it is revoked', async () => {
    const { number } = await issuedPermitLicence({ svc, who });
    const { context, page, errors } = await personPage(browser, svc.baseUrl, { width: 390, height: 844 });
    try {
      await page.goto(`/verify/${number}`);
      await page.getByRole('heading', { name: '电子证照核验' }).waitFor();
      await page.getByRole('status').getByText('有效', { exact: true }).waitFor();
      expect(new URL(page.url()).pathname).to.equal(`/verify/${number}`);
      const revoked = await svc.request('POST', `/api/v1/licences/${number}/events`, {
        token: who.clerk('window'),
        body: { type: 'REVOKE', comment: '以伪造的土地证明骗取' },
      });
      expect(revoked.status).to.equal(200);
      await page.reload();
      await page.getByRole('status').getByText('已撤销', { exact: true }).waitFor();
      await page.getByText('以伪造的土地证明骗取').waitFor();
      await screenshot(page, 'licence-verify-revoked');
      await page.goto('/verify/36020020260302999901');
      await page.getByText(/查无此证/).waitFor();
    } finally {
      await context.close();
    }
    expect(errors).to.deep.equal([]);
  });
});
