import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { createDraft, sendOk } from '../support/http.ts';
import { handInRequired, pdfBytes } from '../support/materials.ts';
import { importPastCases } from './history.ts';
import { screenshot } from './browser.ts';
import { consoleSuite, ENTERPRISE } from './console-suite.ts';

const DEPARTMENTS = ['planning', 'housing', 'fire', 'civil-defense', 'environment'];

/** The README's example form: a plant with a basement, special fire works and an environmental report table. */
const EXAMPLE_FORM = {
  landParcel: 'GX-2026-017',
  floorAreaM2: 18500,
  undergroundAreaM2: 2400,
  useCategory: 'industrial',
  environmentalCategory: 'report-table',
  specialFireWorks: true,
  constructionUnit: { uscc: ENTERPRISE, name: 'Changjiang Construction Engineering Co.' },
};

describe('console (headless Chromium)', function () {
  // Generous: the walk through a whole permit takes minutes when the machine's two cores are shared.
  this.timeout(300_000);
  const suite = consoleSuite();
  const { as } = suite;

  /** Opens the case from the clerk's inbox, sends one decision, and waits until the page shows it was taken. */
  async function decideFromInbox(page: Page, project: string, decision: string): Promise<void> {
    await page.getByRole('link', { name: project }).click();
    await page.getByRole('button', { name: decision, exact: true }).click();
    await page.getByRole('button', { name: decision, exact: true }).waitFor({ state: 'detached' });
  }

  it('should carry a permit from filing to issue: field error, five approvals, issue, and the month chart', async () => {
    const project = 'Aviation Town Component Plant, Building 3';
    const caseId = await as({ role: 'applicant', org: ENTERPRISE }, async (page) => {
      await page.getByRole('heading', { name: '我的办件' }).waitFor();
      await page.getByRole('navigation').getByRole('link', { name: '新建申请' }).click();
      await page.getByRole('link', { name: /建筑工程施工许可/ }).click();

      // One form generated from the workflow's JSON Schema: the project and the permit form.
      await page.getByLabel('项目名称').fill(project);
      await page.getByLabel('投资项目代码').fill('2026-360200-48-01-000173');
      await page.getByLabel('宗地编号').fill('GX-2026-017');
      await page.getByLabel('总建筑面积（平方米）').fill('-5');
      await page.getByLabel('其中地下建筑面积（平方米）').fill('2400');
      await page.getByLabel('主要用途').selectOption('industrial');
      await page.getByLabel('环评类别').selectOption('report-table');
      await page.getByLabel('属于特殊建设工程').check();
      await page.locator('#f-form-constructionUnit-uscc').fill(ENTERPRISE);
      await page.locator('#f-form-constructionUnit-name').fill('Changjiang Construction Engineering Co.');
      await page.getByRole('button', { name: '提交申请' }).click();

      // The service refuses the submission; its error appears next to the field it points at.
      const fieldError = page.locator('#f-form-floorAreaM2-error');
      await fieldError.waitFor();
      expect(await fieldError.textContent()).to.contain('须为大于 0 的数字');
      expect(await page.getByLabel('总建筑面积（平方米）').getAttribute('aria-invalid')).to.equal('true');
      expect(await page.getByRole('alert').first().textContent()).to.contain('总建筑面积');
      await screenshot(page, 'enterprise-field-error');

      await page.getByLabel('总建筑面积（平方米）').fill('18500');
      // The papers: the application form through the draft page, the others as the API hands them in.
      await page.getByRole('button', { name: '保存草稿' }).click();
      const formItem = page.locator('[data-code="permit-application-form"]');
      await formItem.locator('input[type=file]').setInputFiles({
        name: 'application-form.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from(pdfBytes('application form')),
      });
      await formItem.locator('.badge', { hasText: '已提交' }).waitFor();
      await handInRequired(suite.svc, suite.who.applicant, new URL(page.url()).pathname.split('/')[2]!);
      await page.getByRole('button', { name: '提交申请' }).click();
      await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
      await page.locator('.case-header .badge', { hasText: '已提交' }).waitFor();
      return new URL(page.url()).pathname.split('/').pop()!;
    });

    await as({ role: 'clerk', org: 'window' }, async (page) => {
      await page.getByRole('heading', { name: /综合窗口/ }).waitFor();
      await decideFromInbox(page, project, '受理');
      await page.locator('.case-header .badge', { hasText: '审查中' }).waitFor();
    });

    for (const [i, department] of DEPARTMENTS.entries()) {
      await as({ role: 'clerk', org: department }, async (page) => {
        const row = page.locator('table.inbox tbody tr', { hasText: project });
        await row.waitFor();
        if (i === 0) await screenshot(page, 'clerk-inbox');
        await decideFromInbox(page, project, '批准');
        await page.getByText('当前没有需要您办理的操作。').waitFor();
      });
      if (i === 1) {
        await as({ role: 'applicant', org: ENTERPRISE }, async (page) => {
          await page.goto(`/cases/${caseId}`);
          await page.locator('.lane').first().waitFor();
          // Every department's lane in parallel, each with its deadline.
          expect(await page.locator('.lane').count()).to.be.at.least(6);
          expect(await page.locator('.lane', { hasText: '消防设计审查验收' }).textContent()).to.contain(
            '时限',
          );
          await page.locator('.stage.current', { hasText: '部门并联审查' }).waitFor();
          await screenshot(page, 'enterprise-case', false);
        });
      }
    }

    await as({ role: 'clerk', org: 'window' }, async (page) => {
      await decideFromInbox(page, project, '办结发证');
      await page.locator('.case-header .badge', { hasText: '已批准' }).waitFor();
    });

    await as({ role: 'applicant', org: ENTERPRISE }, async (page) => {
      const card = page.locator('.case-card', { hasText: project });
      await card.locator('.badge', { hasText: '已批准' }).waitFor();
      await card.getByRole('link', { name: project }).click();
      await page.locator('.case-header .badge', { hasText: '已批准' }).waitFor();
      await page.locator('table.history tbody tr', { hasText: '办结发证' }).waitFor();
      await page.locator('.stage.current', { hasText: '已批准' }).waitFor();
      // Issue 13: the record reads as sentences, who and what, never raw data.
      const history = (await page.locator('table.history').textContent()) ?? '';
      expect(history).to.contain('自然资源和规划 批准');
      expect(history).to.contain('综合窗口 受理');
      expect(history).not.to.match(/[{}]/);
      // Every lane says how its department decided, not which event closed its task.
      expect(await page.locator('.lane', { hasText: '消防设计审查验收' }).textContent()).to.contain('通过');
    });

    await importPastCases(suite.svc);
    await as({ role: 'auditor' }, async (page) => {
      // Decided on the service's (fixed) day, 2 March 2026: one case in March's bar (the imported ones are older).
      const march = page.locator('#chart-month g[data-group="2026-03"]');
      await march.waitFor();
      expect(await march.textContent()).to.contain('1 件');
      expect(await page.locator('#chart-month g').count()).to.equal(6);
      await page.locator('#chart-department g[data-group="fire"]').waitFor();
      await screenshot(page, 'auditor-charts');
      await page.getByLabel('办件编号').fill(caseId);
      await page.getByRole('button', { name: '选定' }).click();
      await page.getByRole('button', { name: '校验办理记录' }).click();
      await page.getByText('校验通过').waitFor();
    });
  });

  it('should let a clerk assess only checklist fees, and the enterprise pay with a reference', async () => {
    const id = await createDraft(suite.svc, suite.who.applicant, {
      workflow: 'construction-permit',
      project: { name: 'Fee test plant' },
      form: EXAMPLE_FORM,
    });
    await sendOk(suite.svc, suite.who.applicant, id, { type: 'SUBMIT' });
    await sendOk(suite.svc, suite.who.clerk('window'), id, { type: 'ACCEPT' });
    const checklist = (await suite.svc.request('GET', '/api/v1/checklist')).body;

    await as({ role: 'clerk', org: 'window' }, async (page) => {
      await page.goto(`/cases/${id}`);
      const choice = page.getByLabel(/从收费清单/);
      await choice.waitFor();
      // Only published fees can be chosen: the options are the checklist's, and nothing else.
      const values = await Promise.all(
        (await choice.locator('option').all()).map((o) => o.getAttribute('value')),
      );
      const options = values.filter(Boolean);
      expect(options).to.deep.equal(checklist.fees.map((f: { code: string }) => f.code));
      await choice.selectOption('real-estate-registration');
      await page.getByRole('button', { name: '核定', exact: true }).click();
      await page.locator('#fees .badge', { hasText: '待缴费' }).waitFor();
    });

    await as({ role: 'applicant', org: ENTERPRISE }, async (page) => {
      await page.goto(`/cases/${id}`);
      await page.getByText(/缴纳 1 项已核定的费用/).waitFor();
      await page.getByLabel('缴款凭证号').fill('NTR-2026-000451');
      await page.getByRole('button', { name: '缴费', exact: true }).click();
      await page.locator('#fees .badge', { hasText: '已缴费' }).waitFor();
      // The fee in the record by its name and amount, the payment after it.
      await page.locator('table.history tbody tr', { hasText: '核定费用 不动产登记费 ¥550.00' }).waitFor();
      await page.locator('table.history tbody tr', { hasText: '缴纳费用 不动产登记费' }).waitFor();
    });
  });

  it('should let an enterprise delegate to an agent who acts on its behalf, and revoke it', async () => {
    await createDraft(suite.svc, suite.who.applicant, {
      workflow: 'construction-permit',
      project: { name: 'Agent test plant' },
    });

    await as({ role: 'applicant', org: ENTERPRISE }, async (page) => {
      await page.getByRole('link', { name: '全程代办' }).click();
      await page.getByLabel('指定代办员账号').fill('agent-wang');
      await page.getByLabel('委托截止日期').fill('2026-12-31');
      await page.getByRole('button', { name: '提交委托' }).click();
      await page.locator('#agreements .badge', { hasText: '待接受' }).waitFor();
    });

    await as({ role: 'agent', org: 'service-team', sub: 'agent-wang' }, async (page) => {
      await page.getByText('您正在代企业办理').waitFor();
      await page.getByRole('button', { name: '接受' }).click();
      // The enterprise by the name its submitted form gave the directory, not by its code.
      const section = page.getByRole('region', { name: '委托企业 Changjiang Construction Engineering Co.' });
      await section.getByRole('link', { name: 'Agent test plant' }).click();
      await page
        .getByText(`您正在代企业 Changjiang Construction Engineering Co.（${ENTERPRISE}） 办理本件`)
        .waitFor();
      await screenshot(page, 'agent-case', false);
    });

    await as({ role: 'applicant', org: ENTERPRISE }, async (page) => {
      await page.getByRole('link', { name: '全程代办' }).click();
      await page.getByRole('button', { name: '撤销' }).first().click();
      // Revoking cannot be undone: the page asks first.
      await page
        .getByRole('dialog', { name: '确定撤销这项委托吗？' })
        .getByRole('button', { name: '撤销' })
        .click();
      await page.locator('#agreements .badge', { hasText: '已撤销' }).waitFor();
    });

    await as({ role: 'agent', org: 'service-team', sub: 'agent-wang' }, async (page) => {
      await page.getByText('目前没有生效的委托。').waitFor();
    });
  });

  it('should fit a 390 px phone and switch to English', async () => {
    await as(
      { role: 'applicant', org: ENTERPRISE },
      async (page) => {
        await page.getByRole('link', { name: 'Fee test plant' }).click();
        await page.locator('.lane').first().waitFor();
        const overflow = await page.evaluate<number>(
          'document.documentElement.scrollWidth - window.innerWidth',
        );
        expect(overflow, 'horizontal overflow at 390 px').to.be.at.most(0);
        await screenshot(page, 'mobile-case', false);
        await page.locator('#lanes').scrollIntoViewIfNeeded();
        await screenshot(page, 'mobile-lanes', false);

        await page.getByRole('button', { name: 'English' }).click();
        await page.getByRole('heading', { name: "Every department's lane, in parallel" }).waitFor();
        expect(await page.evaluate<string>('document.documentElement.lang')).to.equal('en');
        await page.reload();
        await page.getByRole('button', { name: '中文' }).waitFor();
      },
      { width: 390, height: 844 },
    );
  });
});
