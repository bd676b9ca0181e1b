import { expect } from 'chai';
import { screenshot } from './browser.ts';
import { consoleSuite } from './console-suite.ts';

describe('console guide before sign-in (headless Chromium)', function () {
  this.timeout(120_000);
  const suite = consoleSuite();

  it('should show anyone the departments, limits, materials and fees, from the sign-in page, with open facts marked', async () => {
    await suite.as(null, async (page) => {
      await page.goto('/');
      await page.waitForURL(/\/sign-in/);
      await page.getByRole('link', { name: /办事指南/ }).click();
      await page.waitForURL(/\/guide$/);
      await page.getByRole('heading', { name: '办事指南' }).waitFor();

      // Nothing known yet: civil defence depends on the underground area, the case limit on the EIA category.
      const civil = page.locator('#guide-departments tr[data-department="civil-defense"]');
      await civil.waitFor();
      expect(await civil.textContent()).to.contain('取决于：其中地下建筑面积');
      expect(await page.locator('#guide-limit').textContent()).to.contain('45–60 个工作日');
      const supporting = page.locator('#guide-fees tr[data-fee="infrastructure-supporting"]');
      expect(await supporting.textContent()).to.contain('取决于：总建筑面积');

      // The facts given: a basement, no special fire works, a report table, 18,500 m², industrial.
      await page.getByLabel('主要用途').selectOption('industrial');
      await page.getByLabel('总建筑面积（平方米）').fill('18500');
      await page.getByLabel('其中地下建筑面积（平方米）').fill('2400');
      await page.getByLabel('环评类别').selectOption('report-table');
      await page.getByLabel('属于特殊建设工程').selectOption({ label: '否' });
      await page.locator('#guide-limit', { hasText: '45 个工作日' }).waitFor();
      await page
        .locator('#guide-fees tr[data-fee="infrastructure-supporting"]', { hasText: '2,127,500.00' })
        .waitFor();
      expect(await civil.textContent()).to.contain('20 个工作日');
      expect(await civil.textContent()).not.to.contain('取决于');
      expect(await page.locator('#guide-departments tr[data-department="fire"]').count()).to.equal(0);
      const drawings = page.locator('#guide-materials tr[data-material="civil-defence-drawings"]');
      expect(await drawings.textContent()).to.contain('人民防空');
      expect(
        await page.locator('#guide-materials tr[data-material="site-readiness-statement"]').textContent(),
      ).to.contain('可承诺后补');
      expect(
        await page.locator('#guide-fees tr[data-fee="real-estate-registration"]').textContent(),
      ).to.contain('550.00');
      await screenshot(page, 'guide-before-sign-in');

      // Completion acceptance: the inspections of the checklist.
      await page.getByLabel('办理事项').selectOption('completion-acceptance');
      await page.locator('#guide-inspections li[data-inspection="planning-verification"]').waitFor();
      expect(await page.locator('#guide-limit').textContent()).to.contain('7 个工作日');
    });
  });
});
