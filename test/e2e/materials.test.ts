import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { minimalPermitForm, permitProject } from '../fixtures/construction-permit.ts';
import { createDraft, sendOk, type People, type TestService } from '../support/http.ts';
import { pdfBytes, pngBytes, uploadOk } from '../support/materials.ts';
import { screenshot } from './browser.ts';
import { consoleSuite, ENTERPRISE } from './console-suite.ts';

/** The items the seeded catalog always requires of a construction permit (db/seeds/materials.json). */
const ALWAYS = [
  'permit-application-form',
  'land-use-documents',
  'planning-permit',
  'site-readiness-statement',
  'contractor-award',
  'drawings-review-certificate',
  'construction-drawings',
  'quality-safety-measures',
  'funding-commitment',
  'land-survey-report',
];

describe('console materials (headless Chromium)', function () {
  this.timeout(180_000);
  const suite = consoleSuite();
  const { as } = suite;
  let svc: TestService;
  let who: People;
  before(() => {
    svc = suite.svc;
    who = suite.who;
  });

  it('should upload a PDF by the file button and an image by drag and drop, retry a failed upload, preview both, and let the reviewing clerk download them', async () => {
    const id = await createDraft(svc, who.applicant, {
      workflow: 'construction-permit',
      project: permitProject,
      form: { ...minimalPermitForm },
    });
    const pdf = pdfBytes('application form, signed');
    const png = pngBytes();

    await as({ role: 'applicant', org: ENTERPRISE }, async (page) => {
      await page.goto(`/cases/${id}`);
      const formItem = page.locator('#materials [data-code="permit-application-form"]');
      await formItem.waitFor();
      expect(await formItem.locator('.badge').textContent()).to.equal('未提交');

      // The file button, with the first attempt cut off by the network: the notice offers a retry.
      let attempts = 0;
      await page.route(`**/api/v1/applications/${id}/materials`, async (route) => {
        attempts += 1;
        // While the request is held here the page shows the upload's progress bar.
        expect(await page.locator('[data-code="permit-application-form"] progress').count()).to.equal(1);
        if (attempts === 1) await route.abort('connectionreset');
        else await route.continue();
      });
      await formItem.locator('input[type=file]').setInputFiles({
        name: 'application-form.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from(pdf),
      });
      await formItem.getByRole('button', { name: '重试上传' }).click();
      await formItem.locator('.badge', { hasText: '已提交' }).waitFor();
      expect(attempts).to.equal(2);
      await page.unrouteAll();
      expect(await formItem.locator('.file-name').textContent()).to.equal('application-form.pdf');

      // Drag and drop: a PNG onto the land documents' box.
      const landItem = page.locator('#materials [data-code="land-use-documents"]');
      // Written as page source: the tests' TypeScript has no DOM types.
      const dataTransfer = await page.evaluateHandle(`(() => {
        const transfer = new DataTransfer();
        const bytes = Uint8Array.from(atob('${Buffer.from(png).toString('base64')}'), (c) => c.charCodeAt(0));
        transfer.items.add(new File([bytes], 'title-certificate.png', { type: 'image/png' }));
        return transfer;
      })()`);
      await landItem.locator('.upload-box').dispatchEvent('drop', { dataTransfer });
      await landItem.locator('.badge', { hasText: '已提交' }).waitFor();

      // A type the item does not take is refused by the service, and said so next to the item.
      const drawings = page.locator('#materials [data-code="construction-drawings"]');
      await drawings
        .locator('input[type=file]')
        .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('just text') });
      await drawings.getByRole('alert').waitFor();
      expect(await drawings.locator('.badge').textContent()).to.equal('未提交');

      // Previews in the page, from object URLs of the fetched content.
      await formItem.getByRole('button', { name: /预览/ }).click();
      const frame = formItem.locator('iframe.material-preview');
      await frame.waitFor();
      expect(await frame.getAttribute('src')).to.match(/^blob:/);
      await landItem.getByRole('button', { name: /预览/ }).click();
      const image = landItem.locator('img.material-preview');
      await image.waitFor();
      // The image decoded: a 1×1 PNG.
      await image.evaluate((img) => (img as unknown as { decode(): Promise<void> }).decode());
      expect(
        await image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
      ).to.equal(1);
      await screenshot(page, 'enterprise-materials');
    });

    // The rest of the papers through the API, then the submission and the window's acceptance.
    for (const code of ALWAYS.filter((c) => c !== 'permit-application-form' && c !== 'land-use-documents')) {
      await uploadOk(svc, who.applicant, id, code, pdfBytes(code));
    }
    await sendOk(svc, who.applicant, id, { type: 'SUBMIT' });
    await sendOk(svc, who.clerk('window'), id, { type: 'ACCEPT' });

    await as({ role: 'clerk', org: 'housing' }, async (page) => {
      await page.goto(`/cases/${id}`);
      const formItem = page.locator('#materials [data-code="permit-application-form"]');
      await formItem.waitFor();
      // Housing reads the application form; the fire papers (not required here, read by fire) are not shown.
      expect(await page.locator('#materials [data-code="fire-design-documents"]').count()).to.equal(0);
      expect(await formItem.locator('input[type=file]').count()).to.equal(0);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        formItem.getByRole('button', { name: /下载/ }).click(),
      ]);
      expect(download.suggestedFilename()).to.equal('application-form.pdf');
      expect(readFileSync((await download.path())!)).to.deep.equal(Buffer.from(pdf));
      const landItem = page.locator('#materials [data-code="land-use-documents"]');
      const [image] = await Promise.all([
        page.waitForEvent('download'),
        landItem.getByRole('button', { name: /下载/ }).click(),
      ]);
      expect(image.suggestedFilename()).to.equal('title-certificate.png');
      expect(readFileSync((await image.path())!)).to.deep.equal(Buffer.from(png));
    });

    // Planning reads the land documents, not the permit's application form.
    await as({ role: 'clerk', org: 'planning' }, async (page) => {
      await page.goto(`/cases/${id}`);
      await page.locator('#materials [data-code="land-use-documents"]').waitFor();
      expect(await page.locator('#materials [data-code="permit-application-form"]').count()).to.equal(0);
    });
  });
});
