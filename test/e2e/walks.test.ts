import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { completionAcceptanceApplication, exampleInspections } from '../fixtures/completion-acceptance.ts';
import { createDraft } from '../support/http.ts';
import { inspect } from '../support/inspections.ts';
import { issuedPermitLicence } from '../support/licences.ts';
import { handInRequired, pdfBytes } from '../support/materials.ts';
import { consoleSuite, DESKTOP, ENTERPRISE, PHONE, type Viewport } from './console-suite.ts';
import { keyboardHands, pointerHands, type Hands } from './hands.ts';

const PERMIT_DEPARTMENTS = ['planning', 'housing', 'fire', 'civil-defense', 'environment'];

/**
 * The done-when walks of issue 13: the construction permit and the completion acceptance carried through by the
 * people who act on them, in zh-CN at 1280 px and at 390 px, every page checked for English and with axe-core;
 * the permit at 1280 px with the keyboard alone. Paging through 250 cases and claiming a task: lists.test.ts.
 */
describe('console walks (headless Chromium)', function () {
  this.timeout(600_000);
  const suite = consoleSuite();
  const caseIdOf = (page: Page) => new URL(page.url()).pathname.split('/')[2]!;

  /** Opens the case from the inbox and takes one decision, with the person's hands. */
  async function decide(hands: Hands, page: Page, project: string, decision: string) {
    await page.locator('table.inbox tbody tr', { hasText: project }).waitFor();
    await suite.check(page);
    await hands.press('link', project);
    await page.getByRole('button', { name: decision, exact: true }).waitFor();
    await suite.check(page);
    await hands.press('button', decision);
    await page.getByRole('button', { name: decision, exact: true }).waitFor({ state: 'detached' });
  }

  async function permitWalk(viewport: Viewport, by: 'keyboard' | 'pointer') {
    const handsOf = by === 'keyboard' ? keyboardHands : pointerHands;
    const project = `航空城构件厂 ${viewport.width} 号楼`;
    const token = (role: string, org?: string) =>
      suite.svc.token({ sub: `${role}-${org ?? 'x'}`, role: role as never, ...(org ? { org } : {}) });
    const as = (who: string, act: (page: Page, hands: Hands) => Promise<void>) =>
      suite.as({ token: who }, (page) => act(page, handsOf(page)), viewport);

    let caseId = '';
    await as(suite.who.applicant, async (page, hands) => {
      await page.getByRole('heading', { name: '我的办件' }).waitFor();
      await hands.press('link', '新建申请');
      await page.getByRole('link', { name: /建筑工程施工许可/ }).waitFor();
      await suite.check(page);
      await hands.press('link', /建筑工程施工许可/);
      await page.getByLabel('项目名称').waitFor();
      await hands.fill('项目名称', project);
      await hands.fill('投资项目代码', '2026-360200-48-01-000173');
      await hands.fill('宗地编号', 'GX-2026-017');
      await hands.fill('总建筑面积（平方米）', '18500');
      await hands.fill('其中地下建筑面积（平方米）', '2400');
      await hands.choose('主要用途', 'industrial');
      await hands.choose('环评类别', 'report-table');
      await hands.tick('属于特殊建设工程');
      await hands.fill('#f-form-constructionUnit-uscc', ENTERPRISE);
      await hands.fill('#f-form-constructionUnit-name', '长江建设工程有限公司');
      await suite.check(page);
      await hands.press('button', '保存草稿');
      const form = '[data-code="permit-application-form"]';
      await page.locator(form).waitFor();
      await hands.upload(form, {
        name: 'application-form.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from(pdfBytes('application form')),
      });
      await page.locator(form).locator('.badge', { hasText: '已提交' }).waitFor();
      // The other papers as the enterprise's own system hands them in over the API.
      caseId = caseIdOf(page);
      await handInRequired(suite.svc, suite.who.applicant, caseId);
      await suite.check(page);
      await hands.press('button', '提交申请');
      await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
      await page.locator('.case-header .badge', { hasText: '已提交' }).waitFor();
    });

    await as(token('clerk', 'window'), async (page, hands) => {
      await decide(hands, page, project, '受理');
      await page.locator('.case-header .badge', { hasText: '审查中' }).waitFor();
    });
    for (const department of PERMIT_DEPARTMENTS) {
      await as(token('clerk', department), async (page, hands) => {
        await decide(hands, page, project, '批准');
        await page.getByText('当前没有需要您办理的操作。').waitFor();
      });
    }
    await as(token('clerk', 'window'), async (page, hands) => {
      await decide(hands, page, project, '办结发证');
      await page.locator('.case-header .badge', { hasText: '已批准' }).waitFor();
    });

    await as(suite.who.applicant, async (page, hands) => {
      await page.locator('.case-card', { hasText: project }).waitFor();
      await hands.press('link', project);
      await page.locator('table.history tbody tr', { hasText: '办结发证' }).waitFor();
      const history = (await page.locator('table.history').textContent()) ?? '';
      expect(history).to.contain('综合窗口 受理').and.contain('批准');
      expect(history).not.to.match(/[{}]/);
      expect(await page.locator('.lane', { hasText: '消防设计审查验收' }).textContent()).to.contain('通过');
    });
    return caseId;
  }

  async function completionWalk(viewport: Viewport) {
    const { svc, who } = suite;
    const body = completionAcceptanceApplication();
    const project = `航空城构件厂竣工验收 ${viewport.width}`;
    body.project = { ...body.project, name: project, location: '景德镇高新区航空城 GX-2026-017 地块' };
    const { number } = await issuedPermitLicence({ svc, who });
    body.form = {
      ...body.form,
      constructionPermitNo: number,
      constructionUnit: { uscc: ENTERPRISE, name: '长江建设工程有限公司' },
    };
    const id = await createDraft(svc, who.applicant, body);
    await handInRequired(svc, who.applicant, id);
    const as = (token: string, act: (page: Page, hands: Hands) => Promise<void>) =>
      suite.as({ token }, (page) => act(page, pointerHands(page)), viewport);

    await as(who.applicant, async (page, hands) => {
      await page.goto(`/cases/${id}/edit`);
      await page.getByLabel('项目名称').waitFor();
      await suite.check(page);
      await hands.press('button', '提交申请');
      await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
      await page.locator('.case-header .badge', { hasText: '已提交' }).waitFor();
    });
    await as(who.clerk('window'), async (page, hands) => {
      await decide(hands, page, project, '受理');
      await page.locator('.case-header .badge', { hasText: '审查中' }).waitFor();
    });

    // Fire schedules its acceptance and records it passed on the case page; the others over the API.
    const [fire] = exampleInspections.filter((i) => i.department === 'fire');
    await as(who.clerk('fire'), async (page, hands) => {
      await page.goto(`/cases/${id}`);
      await hands.choose('#inspection-code', fire!.code);
      await page.getByLabel('检查时间（北京时间）').fill('2026-03-04T09:30');
      await hands.press('button', '安排');
      await page.getByRole('button', { name: '记录结果' }).waitFor();
      await suite.check(page);
      await hands.press('button', '记录结果');
      await page.locator('#inspections .badge', { hasText: '通过' }).first().waitFor();
    });
    for (const item of exampleInspections.filter((i) => i.department !== 'fire')) {
      await inspect({ svc, who }, id, item);
    }
    await as(who.clerk('window'), async (page, hands) => {
      await page.goto(`/cases/${id}`);
      await page.getByRole('button', { name: '办结发证', exact: true }).waitFor();
      await hands.press('button', '办结发证');
      await page.locator('.case-header .badge', { hasText: /已办结|已批准/ }).waitFor();
    });
    await as(who.applicant, async (page) => {
      await page.goto(`/cases/${id}`);
      await page.locator('table.history tbody tr', { hasText: '办结发证' }).waitFor();
      const history = (await page.locator('table.history').textContent()) ?? '';
      expect(history).to.contain('消防').and.contain('综合窗口 受理');
      expect(history).not.to.match(/[{}]/);
    });
  }

  it('should carry a permit from filing to issue with the keyboard alone at 1280 px', async () => {
    await permitWalk(DESKTOP, 'keyboard');
  });

  it('should carry a permit from filing to issue at 390 px', async () => {
    await permitWalk(PHONE, 'pointer');
  });

  it('should carry a completion acceptance from submission to certificate at 1280 px', async () => {
    await completionWalk(DESKTOP);
  });

  it('should carry a completion acceptance from submission to certificate at 390 px', async () => {
    await completionWalk(PHONE);
  });

  after(() => {
    // The pages the walks checked, for the report.
    if (process.env.ZEROTRIP_WALK_PAGES)
      console.log([...new Set(suite.checked.map((p) => p.replace(/[0-9a-f-]{36}/, ':id')))]);
  });
});
