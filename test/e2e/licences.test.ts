import { expect } from 'chai';
import { issuedPermitLicence } from '../support/licences.ts';
import { screenshot } from './browser.ts';
import { consoleSuite, ENTERPRISE, PHONE } from './console-suite.ts';

describe('console licences (headless Chromium)', function () {
  this.timeout(120_000);
  const suite = consoleSuite();

  it("should show the licence on the enterprise's case page with its status, the PDF and the QR code", async () => {
    const { svc, who } = suite;
    const { caseId, number } = await issuedPermitLicence({ svc, who });
    await suite.as({ role: 'applicant', org: ENTERPRISE }, async (page) => {
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
    });
  });

  it('should verify a licence in public, without signing in, and say at once when it is revoked', async () => {
    const { svc, who } = suite;
    const { number } = await issuedPermitLicence({ svc, who });
    await suite.as(
      null,
      async (page) => {
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
      },
      PHONE,
    );
  });
});
