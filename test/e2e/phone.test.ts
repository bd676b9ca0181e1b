import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import { minimalCompletionForm } from '../fixtures/completion-acceptance.ts';
import { acceptedCase, sendOk } from '../support/http.ts';
import { issuedPermitLicence, licensedProject } from '../support/licences.ts';
import { seriousViolations } from './axe-serious.ts';
import { screenshot } from './browser.ts';
import { consoleSuite, ENTERPRISE } from './console-suite.ts';

/** The README's example permit, with the names a person reads in Chinese (the English ones are not allowed names). */
function permitNamed(name: string) {
  const body = constructionPermitApplication();
  body.project = { ...body.project, name, location: '景德镇高新区航空小镇 GX-2026-017 地块' };
  const designUnit = body.form.designUnit as Record<string, unknown>;
  body.form = { ...body.form, designUnit: { ...designUnit, name: '江南建筑设计研究院' } };
  return body;
}

const PHONE = { width: 390, height: 844 };

/** The browser functions the tests call inside the page (the tests' types are Node's, not the DOM's). */
type BrowserWindow = {
  getComputedStyle(element: unknown, pseudo?: string): { display: string; content: string };
};

const DESKTOP = { width: 1280, height: 900 };

/**
 * What a finger taps, measured in the page: every visible button, field (a checkbox by its label), and link in
 * a list or a table.
 */
const TOUCH_TARGETS = `(() => {
  const main = document.querySelector('main') || document.body;
  const targets = [...main.querySelectorAll('button, input, select, textarea, li a, td a, summary')];
  return targets
    .filter((e) => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';
    })
    .map((e) => {
      // A checkbox is tapped through its label, which is the target to measure.
      const box = e.type === 'checkbox' || e.type === 'radio'
        ? e.closest('label') || document.querySelector('label[for="' + e.id + '"]') || e
        : e;
      const r = box.getBoundingClientRect();
      return { what: e.tagName.toLowerCase() + ' ' + (e.textContent || e.getAttribute('aria-label') || e.id || '').trim().slice(0, 30), height: Math.round(r.height) };
    });
})()`;

/** Text cut off: an element whose content is wider than its box while it hides the overflow. */
const CLIPPED_TEXT = `(() => [...document.querySelectorAll('main *')]
  .filter((e) => e.childNodes.length && [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
  .filter((e) => {
    const style = getComputedStyle(e);
    const hides = style.overflow === 'hidden' || style.overflowX === 'hidden' || style.textOverflow === 'ellipsis';
    return hides && e.scrollWidth > e.clientWidth + 1 && !e.closest('.sr-only');
  })
  .map((e) => e.textContent.trim().slice(0, 30)))()`;

/**
 * Issue 13, items 8 and 9: the workflow drawn as stages with the case's position, and the console on a phone:
 * tables as cards below 600 px, nothing cut off, every touch target at least 44 px.
 */
describe('console on a phone and the stage diagram (headless Chromium)', function () {
  this.timeout(300_000);
  const suite = consoleSuite();
  const { as } = suite;
  let caseId: string;

  before(async () => {
    // Accepted, planning has approved, fire asks for a supplement: the review stage is where the case stands.
    caseId = await acceptedCase(suite.svc, suite.who, permitNamed('手机端厂房'));
    await sendOk(suite.svc, suite.who.clerk('planning'), caseId, { type: 'APPROVE', department: 'planning' });
    await sendOk(suite.svc, suite.who.clerk('fire'), caseId, {
      type: 'REQUEST_SUPPLEMENT',
      department: 'fire',
      comment: '请补充消防设计说明。',
    });
  });

  const overflow = (page: Page) =>
    page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');

  async function checkPhone(page: Page, where: string): Promise<void> {
    expect(await overflow(page), `horizontal overflow of ${where} at 390 px`).to.be.at.most(0);
    const small = (await page.evaluate<{ what: string; height: number }[]>(TOUCH_TARGETS)).filter(
      (target) => target.height < 44,
    );
    expect(small, `touch targets under 44 px on ${where}`).to.deep.equal([]);
    expect(await page.evaluate<string[]>(CLIPPED_TEXT), `text cut off on ${where}`).to.deep.equal([]);
  }

  for (const viewport of [DESKTOP, PHONE]) {
    it(`should draw the case as stages with the review marked as the current one (${viewport.width} px)`, async () => {
      await as(
        { role: 'applicant', org: ENTERPRISE },
        async (page) => {
          await page.goto(`/cases/${caseId}`);
          const diagram = page.getByRole('list', { name: '办理流程' });
          await diagram.waitFor();
          const current = diagram.locator('> li[aria-current="step"]');
          expect(await current.count()).to.equal(1);
          expect(await current.locator('.stage-title').textContent()).to.contain('部门并联审查');
          expect(await current.locator('.stage-title').textContent()).to.contain('当前所在');
          expect(await diagram.locator('> li.stage.done .stage-title').allTextContents()).to.deep.equal([
            '填写申请 （已完成）',
            '窗口受理 （已完成）',
          ]);
          // The departments side by side, each with its outcome, not event names.
          const departments = current.getByRole('list', { name: '同时审查的部门' }).getByRole('listitem');
          const texts = await departments.allTextContents();
          expect(texts.find((text) => text.startsWith('自然资源和规划'))).to.contain('通过');
          expect(texts.find((text) => text.startsWith('消防'))).to.contain('待补正');
          // Housing has not decided; its clock stands still while the enterprise supplements.
          expect(texts.find((text) => text.startsWith('住房和城乡建设'))).to.contain('计时暂停');
          expect(await seriousViolations(page, '#diagram'), 'axe on the stage diagram').to.deep.equal([]);
          // The statechart stays available, folded.
          expect(await page.getByText('查看完整状态图').count()).to.equal(1);
          if (viewport.width < 600) {
            // One column on a phone: each stage below the one before it.
            const boxes = await diagram
              .locator('> li')
              .evaluateAll((items) =>
                items.map(
                  (item) =>
                    (item as unknown as { getBoundingClientRect(): { top: number } }).getBoundingClientRect()
                      .top,
                ),
              );
            expect(boxes).to.deep.equal([...boxes].sort((a, b) => a - b));
            await checkPhone(page, 'the case page');
          }
          await diagram.scrollIntoViewIfNeeded();
          await screenshot(page, `stages-${viewport.width}`, false);
        },
        viewport,
      );
    });
  }

  it('should show the inbox as cards below 600 px, each value labelled, every touch target 44 px or more', async () => {
    await as(
      { role: 'clerk', org: 'housing' },
      async (page) => {
        const row = page.locator('table.inbox tbody tr', { hasText: '手机端厂房' });
        await row.waitFor();
        expect(
          await row.evaluate((tr) => (globalThis as unknown as BrowserWindow).getComputedStyle(tr).display),
        ).to.equal('block');
        const labels = await row
          .locator('td')
          .evaluateAll((cells) =>
            cells.map((cell) => (cell as unknown as { dataset: { label?: string } }).dataset.label ?? ''),
          );
        expect(labels).to.deep.equal(['到期', '办件', '环节', '承办人', '操作']);
        await checkPhone(page, 'the inbox');
      },
      PHONE,
    );
  });

  it('should show the history table as cards on a phone, with nothing cut off', async () => {
    await as(
      { role: 'clerk', org: 'housing' },
      async (page) => {
        await page.goto(`/cases/${caseId}`);
        const row = page.locator('table.history tbody tr').first();
        await row.waitFor();
        expect(
          await row.evaluate((tr) => (globalThis as unknown as BrowserWindow).getComputedStyle(tr).display),
        ).to.equal('block');
        const label = await row
          .locator('td')
          .nth(1)
          .evaluate(
            (td) => (globalThis as unknown as BrowserWindow).getComputedStyle(td, '::before').content,
          );
        expect(label).to.equal('"时间"');
        await checkPhone(page, 'the case page (clerk)');
      },
      PHONE,
    );
  });

  it('should keep the enterprise’s pages within 390 px with 44 px touch targets: cases, the form, delegations', async () => {
    await as(
      { role: 'applicant', org: ENTERPRISE },
      async (page) => {
        await page.locator('.case-card', { hasText: '手机端厂房' }).waitFor();
        await checkPhone(page, 'the case list');
        await page.goto('/cases/new?workflow=construction-permit');
        await page.getByLabel('项目名称').waitFor();
        await checkPhone(page, 'the application form');
        await page.goto('/delegations');
        await page.getByRole('heading', { name: '全程代办' }).waitFor();
        await checkPhone(page, 'the delegations page');
      },
      PHONE,
    );
  });

  it('should mark a deadline counted into an unpublished year in the case list and the inbox (暂按周末推算)', async () => {
    // Mid-December 2026: the limits end in 2027, whose holidays db/seeds/cn-working-calendar.json does not list.
    suite.svc.clock.set('2026-12-14T09:00:00+08:00');
    const id = await acceptedCase(suite.svc, suite.who, permitNamed('跨年厂房'));
    const list = await suite.svc.request('GET', '/api/v1/applications?q=跨年厂房', {
      token: suite.who.applicant,
    });
    expect(list.body.items[0]).to.deep.include({ id, dueProvisional: true, dueMissingCalendarYears: [2027] });
    for (const viewport of [DESKTOP, PHONE]) {
      await as(
        { role: 'applicant', org: ENTERPRISE },
        async (page) => {
          const card = page.locator('.case-card', { hasText: '跨年厂房' });
          await card.waitFor();
          expect(await card.textContent())
            .to.contain('暂按周末推算')
            .and.to.contain('2027 年节假日安排尚未发布');
        },
        viewport,
      );
      await as(
        { role: 'clerk', org: 'fire' },
        async (page) => {
          const row = page.locator('table.inbox tbody tr', { hasText: '跨年厂房' });
          await row.waitFor();
          expect(await row.locator('td').first().textContent()).to.contain('暂按周末推算');
        },
        viewport,
      );
    }
  });

  it('should draw a completion acceptance as joint inspections, and say the departments are inspecting', async () => {
    suite.svc.clock.set('2026-10-26T09:00:00+08:00');
    const project = { ...licensedProject, name: '验收厂房', location: '景德镇高新区航空小镇' };
    const { number } = await issuedPermitLicence(suite, project);
    const id = await acceptedCase(suite.svc, suite.who, {
      workflow: 'completion-acceptance',
      project,
      form: { ...minimalCompletionForm, constructionPermitNo: number },
    });
    await as(
      { role: 'applicant', org: ENTERPRISE },
      async (page) => {
        await page.goto(`/cases/${id}`);
        await page.getByText('无需操作：各部门正在联合验收。').waitFor();
        const current = page.getByRole('list', { name: '办理流程' }).locator('> li[aria-current="step"]');
        expect(await current.locator('.stage-title').textContent()).to.contain('部门联合验收');
        const departments = await current
          .getByRole('list', { name: '同时审查的部门' })
          .getByRole('listitem')
          .allTextContents();
        // The minimal form needs no civil defence: only the departments the case needs are drawn.
        expect(departments.some((text) => text.startsWith('人民防空'))).to.equal(false);
        expect(departments.length).to.be.greaterThan(3);
      },
      PHONE,
    );
  });
});
