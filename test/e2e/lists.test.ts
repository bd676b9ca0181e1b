import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import { acceptedCase, createDraft, type People, type TestService } from '../support/http.ts';
import { screenshot } from './browser.ts';
import { consoleSuite, PHONE, type Viewport } from './console-suite.ts';

/** The one browser function the test calls inside the page (the test's types are Node's, not the DOM's). */
type BrowserWindow = { getComputedStyle(element: unknown): { borderLeftColor: string } };

/**
 * The lists that scale: 250 cases paged through with "load more", the search box, the inbox's urgency colours,
 * claiming, releasing and a lead's assignment, and both lists at phone width.
 */
describe('console lists (headless Chromium)', function () {
  this.timeout(180_000);
  const suite = consoleSuite();
  let svc: TestService;
  let who: People;
  before(() => {
    svc = suite.svc;
    who = suite.who;
  });

  /** Opens the console with `token` (handed over in the URL fragment) in a browser context of its own. */
  const withToken = <T>(token: string, act: (page: Page) => Promise<T>, viewport?: Viewport) =>
    suite.as({ token }, act, viewport);

  const overflow = (page: Page) =>
    page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');

  const named = (name: string) => {
    const body = constructionPermitApplication();
    body.project = { ...body.project, name };
    return body;
  };

  it('should claim a task from the inbox, with urgency in colour, and let the lead assign it', async () => {
    // Accepted on 5 January, 5 February and 2 March 2026: fire's 15 working days end on 26 January (overdue on
    // 2 March), on 4 March (the second working day after 2 March: due soon, Spring Festival skipped and the
    // Saturdays 14 and 28 February worked) and on 23 March.
    svc.clock.set('2026-01-05T09:00:00+08:00');
    await acceptedCase(svc, who, named('逾期厂房'));
    svc.clock.set('2026-02-05T09:00:00+08:00');
    await acceptedCase(svc, who, named('临期厂房'));
    svc.clock.set('2026-03-02T09:00:00+08:00');
    await acceptedCase(svc, who, named('常规厂房'));

    const zhao = svc.token({ sub: 'clerk-fire-zhao', role: 'clerk', org: 'fire', name: '赵六' });
    const lead = svc.token({ sub: 'lead-fire', role: 'clerk', org: 'fire', name: '孙主任', lead: true });

    await withToken(zhao, async (page) => {
      await page.getByRole('heading', { name: /消防/ }).waitFor();
      const row = (project: string) => page.locator('table.inbox tbody tr', { hasText: project });
      await row('常规厂房').waitFor();
      expect(await row('逾期厂房').getAttribute('class')).to.equal('urgency-overdue');
      expect(await row('逾期厂房').textContent()).to.contain('已超期');
      expect(await row('临期厂房').getAttribute('class')).to.equal('urgency-soon');
      expect(await row('临期厂房').textContent()).to.contain('即将到期');
      expect(await row('常规厂房').getAttribute('class')).to.equal('urgency-normal');
      // The enterprise by the name its form gave it, with its code beside it.
      expect(await row('常规厂房').textContent()).to.contain('Changjiang Construction Engineering Co.');
      const colours = await row('逾期厂房')
        .locator('td')
        .first()
        .evaluate((cell) => (globalThis as unknown as BrowserWindow).getComputedStyle(cell).borderLeftColor);
      expect(colours).to.equal('rgb(163, 35, 26)');
      await screenshot(page, 'clerk-inbox-urgency');

      await page.getByRole('button', { name: '认领 临期厂房' }).click();
      await row('临期厂房').getByText('由您承办').waitFor();
      await page.getByRole('button', { name: '我的', exact: true }).click();
      await page.getByText('已显示全部 1 件').waitFor();
      expect(await page.locator('table.inbox tbody tr').first().textContent()).to.contain('临期厂房');
      await page.getByRole('button', { name: '待认领' }).click();
      await page.getByText('已显示全部 2 件').waitFor();
      expect(await row('临期厂房').count()).to.equal(0);
      await page.getByRole('button', { name: '本部门全部' }).click();
      await row('临期厂房').waitFor();

      // The claimant is named on the case.
      await row('临期厂房').getByRole('link', { name: '临期厂房' }).click();
      await page.getByText('承办人：赵六').waitFor();
    });

    await withToken(lead, async (page) => {
      const row = (project: string) => page.locator('table.inbox tbody tr', { hasText: project });
      await row('常规厂房').waitFor();
      expect(await row('临期厂房').textContent()).to.contain('赵六');
      await page.getByLabel('指派给 常规厂房').selectOption('clerk-fire-zhao');
      await row('常规厂房').getByRole('button', { name: '指派', exact: true }).click();
      await row('常规厂房').getByRole('cell', { name: '赵六', exact: true }).waitFor();
    });

    await withToken(
      zhao,
      async (page) => {
        await page.getByRole('button', { name: '我的', exact: true }).click();
        await page.getByText('已显示全部 2 件').waitFor();
        expect(await page.locator('table.inbox tbody tr', { hasText: '常规厂房' }).count()).to.equal(1);
        expect(await overflow(page), 'horizontal overflow of the inbox at 390 px').to.be.at.most(0);
        await screenshot(page, 'mobile-inbox', false);
        await page.getByRole('button', { name: '释放 常规厂房' }).click();
        await page.locator('table.inbox tbody tr', { hasText: '常规厂房' }).waitFor({ state: 'detached' });
      },
      PHONE,
    );
  });

  it('should page through 250 cases with "load more", and find one by searching', async () => {
    for (let i = 1; i <= 250; i++) {
      await createDraft(svc, who.applicant, named(`批量项目 ${String(i).padStart(3, '0')}`));
    }
    const expected = 253; // and the three accepted above

    await withToken(who.auditor, async (page) => {
      await page.goto('/cases');
      const cards = page.locator('.case-card');
      await cards.first().waitFor();
      expect(await cards.count()).to.equal(50);
      for (let shown = 100; shown <= 250; shown += 50) {
        await page.getByRole('button', { name: '加载更多' }).click();
        await page.getByText(`已显示 ${shown} 件`).waitFor();
        expect(await cards.count()).to.equal(shown);
      }
      await page.getByRole('button', { name: '加载更多' }).click();
      await page.getByText(`已显示全部 ${expected} 件`).waitFor();
      expect(await page.getByRole('button', { name: '加载更多' }).count()).to.equal(0);
      const titles = await page.locator('.case-card .case-title').allTextContents();
      expect(new Set(titles).size, 'every case once').to.equal(expected);

      await page.getByLabel('搜索').fill('批量项目 123');
      await page.getByRole('button', { name: '查找' }).click();
      await page.getByText('已显示全部 1 件').waitFor();
      expect(await page.locator('.case-card .case-title').allTextContents()).to.deep.equal(['批量项目 123']);
      await page.getByLabel('排序').selectOption('due');
      await page.getByLabel('搜索').fill('厂房');
      await page.getByRole('button', { name: '查找' }).click();
      await page.getByText('已显示全部 3 件').waitFor();
      expect(await page.locator('.case-card .case-title').allTextContents()).to.deep.equal([
        '逾期厂房',
        '临期厂房',
        '常规厂房',
      ]);
    });

    await withToken(
      who.applicant,
      async (page) => {
        await page.locator('.case-card').first().waitFor();
        expect(await overflow(page), 'horizontal overflow of the case list at 390 px').to.be.at.most(0);
        await screenshot(page, 'mobile-cases', false);
        // The other enterprise's search finds nothing of this one.
      },
      PHONE,
    );
    await withToken(who.otherApplicant, async (page) => {
      await page.getByLabel('搜索').fill('批量项目');
      await page.getByRole('button', { name: '查找' }).click();
      await page.getByText('没有符合条件的办件。').waitFor();
    });
  });

  it('should let an enterprise keep its own name, shown to the departments', async () => {
    await withToken(who.applicant, async (page) => {
      await page.getByRole('navigation').getByRole('link', { name: '企业信息' }).click();
      await page.getByLabel('企业名称').fill('长江建设工程集团有限公司');
      await page.getByLabel('法定代表人').fill('张三');
      await page.getByLabel('联系电话').fill('0798-8888888');
      await page.getByRole('button', { name: '保存' }).click();
      await page.getByText('已保存。').waitFor();
    });
    await withToken(who.clerk('fire'), async (page) => {
      await page.locator('table.inbox tbody tr', { hasText: '长江建设工程集团有限公司' }).first().waitFor();
    });
  });
});
