import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import { acceptedCase, caseState, createDraft } from '../support/http.ts';
import { handInRequired } from '../support/materials.ts';
import { seriousViolations } from './axe-serious.ts';
import { personPage } from './browser.ts';
import { consoleSuite, ENTERPRISE, PROPER_NAMES } from './console-suite.ts';
import { watchForEnglish } from './english-scan.ts';

/** The README's example permit, with the names a person reads in Chinese (the English ones are not allowed names). */
function permitNamed(name: string) {
  const body = constructionPermitApplication();
  body.project = { ...body.project, name, location: '景德镇高新区航空小镇 GX-2026-017 地块' };
  const designUnit = body.form.designUnit as Record<string, unknown>;
  body.form = { ...body.form, designUnit: { ...designUnit, name: '江南建筑设计研究院' } };
  return body;
}

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

/** A complete permit draft of the example enterprise, its papers handed in: ready to submit. */
async function readyDraft(suite: ReturnType<typeof consoleSuite>, name: string): Promise<string> {
  const id = await createDraft(suite.svc, suite.who.applicant, permitNamed(name));
  await handInRequired(suite.svc, suite.who.applicant, id);
  return id;
}

const localKeys = (page: Page) => page.evaluate<string[]>('Object.keys(localStorage)');

/**
 * Issue 13, item 6: a console that forgives careless use — Back after submitting, a reload mid-form, a double
 * click, a lowercase or mistyped USCC, a denial clicked by mistake, a token with a bad signature.
 */
describe('console careless use (headless Chromium)', function () {
  this.timeout(300_000);
  const suite = consoleSuite();
  const { as } = suite;

  for (const viewport of [DESKTOP, PHONE]) {
    it(`should submit once on a double click and show the case after Back, never the form (${viewport.width} px)`, async () => {
      const name = `双击厂房 ${viewport.width}`;
      const id = await readyDraft(suite, name);
      await as(
        { role: 'applicant', org: ENTERPRISE, sub: 'ent-user' },
        async (page) => {
          await page.goto(`/cases/${id}`);
          await page.getByRole('link', { name: '填写并提交申请表' }).click();
          await page.waitForURL(`**/cases/${id}/edit`);
          await page.getByRole('button', { name: '提交申请' }).dblclick();
          await page.waitForURL(new RegExp(`/cases/${id}$`));
          await page.locator('.case-header .badge', { hasText: '已提交' }).waitFor();
          expect(await page.getByRole('alert').count(), 'no refusal of a second click').to.equal(0);

          await page.goBack();
          await page.waitForURL(new RegExp(`/cases/${id}$`));
          await page.locator('.case-header').waitFor();
          expect(await page.getByRole('button', { name: '提交申请' }).count()).to.equal(0);

          // The edit address of a submitted case (an old bookmark) opens the case too.
          await page.goto(`/cases/${id}/edit`);
          await page.waitForURL(new RegExp(`/cases/${id}$`));
          await page.locator('.case-header').waitFor();
          expect(await page.locator('form.draft').count()).to.equal(0);
        },
        viewport,
      );
      const history = await suite.svc.request('GET', `/api/v1/applications/${id}/history`, {
        token: suite.who.applicant,
      });
      const submits = history.body.items.filter((item: { type: string }) => item.type === 'SUBMIT');
      expect(submits, 'one SUBMIT in the record').to.have.length(1);
    });
  }

  it('should create one draft when "save" is clicked twice on a new application', async () => {
    const before = await suite.svc.request('GET', '/api/v1/applications?limit=200', {
      token: suite.who.applicant,
    });
    await as({ role: 'applicant', org: ENTERPRISE, sub: 'ent-user' }, async (page) => {
      await page.goto('/cases/new?workflow=construction-permit');
      await page.getByLabel('项目名称').fill('只存一次的厂房');
      await page.getByRole('button', { name: '保存草稿' }).dblclick();
      await page.waitForURL(/\/cases\/[0-9a-f-]{36}\/edit$/);
      await page.getByText('草稿已保存').waitFor();
    });
    const after = await suite.svc.request('GET', '/api/v1/applications?limit=200', {
      token: suite.who.applicant,
    });
    expect(after.body.items.length - before.body.items.length).to.equal(1);
  });

  it('should keep unsaved input across a reload until it is saved, and drop it on sign-out', async () => {
    const id = await readyDraft(suite, '重新加载厂房');
    await as({ role: 'applicant', org: ENTERPRISE, sub: 'ent-user' }, async (page) => {
      await page.goto(`/cases/${id}/edit`);
      await page.getByLabel('项目名称').fill('重新加载后仍在的名称');
      // The page keeps the input after React renders it; a reload before that has nothing to restore.
      await page.waitForFunction('Object.keys(localStorage).length === 1');
      await page.reload();
      await page.getByText('已恢复您在本机上次未保存的填写内容').waitFor();
      expect(await page.getByLabel('项目名称').inputValue()).to.equal('重新加载后仍在的名称');
      // Only what was typed is kept: no token in localStorage.
      const stored = await page.evaluate<string>('JSON.stringify(localStorage)');
      expect(stored).to.contain('重新加载后仍在的名称');
      expect(stored).not.to.match(/eyJ[\w-]+\.[\w-]+\./);

      await page.getByRole('button', { name: '保存草稿' }).click();
      await page.getByText('草稿已保存').waitFor();
      expect(await localKeys(page)).to.deep.equal([]);

      await page.getByLabel('项目名称').fill('还没保存就退出');
      await page.waitForFunction('Object.keys(localStorage).length === 1');
      await page.getByRole('button', { name: '退出' }).click();
      await page.waitForURL('**/sign-in');
      expect(await localKeys(page)).to.deep.equal([]);
    });
    const saved = await suite.svc.request('GET', `/api/v1/applications/${id}`, {
      token: suite.who.applicant,
    });
    expect(saved.body.project.name).to.equal('重新加载后仍在的名称');
  });

  it('should upper-case a USCC as it is typed and warn when its check character does not compute', async () => {
    const id = await readyDraft(suite, '信用代码厂房');
    await as({ role: 'applicant', org: ENTERPRISE, sub: 'ent-user' }, async (page) => {
      await page.goto(`/cases/${id}/edit`);
      const field = page.locator('#f-form-constructionUnit-uscc');
      // The example's code ends in A (GB 32100-2015's mod-31 check over the first 17 characters); B is a slip.
      await field.fill('91310115591693856b');
      expect(await field.inputValue()).to.equal('91310115591693856B');
      const warning = page.locator('#f-form-constructionUnit-uscc-warning');
      await warning.waitFor();
      expect(await warning.textContent()).to.contain('应为 A');
      expect(await field.getAttribute('aria-describedby')).to.contain('f-form-constructionUnit-uscc-warning');
      await field.fill('91310115591693856a');
      expect(await field.inputValue()).to.equal('91310115591693856A');
      await warning.waitFor({ state: 'detached' });
    });
  });

  it('should ask before a denial is sent, and send nothing when cancelled', async () => {
    const id = await acceptedCase(suite.svc, suite.who, permitNamed('确认厂房'));
    const before = await caseState(suite.svc, suite.who.auditor, id);
    await as({ role: 'clerk', org: 'planning' }, async (page) => {
      await page.goto(`/cases/${id}`);
      const deny = page.getByRole('form', { name: '不予批准' });
      await deny.getByLabel('意见（必填）').fill('用地性质与规划不符。');
      await deny.getByRole('button', { name: '不予批准' }).click();
      const dialog = page.getByRole('dialog', { name: '确定要“不予批准”吗？' });
      await dialog.waitFor();
      expect(await seriousViolations(page, 'dialog'), 'axe on the dialog').to.deep.equal([]);
      // The safe choice has the focus; Cancel sends nothing.
      expect(await page.evaluate<string>('document.activeElement.textContent')).to.equal('取消');
      await dialog.getByRole('button', { name: '取消' }).click();
      await dialog.waitFor({ state: 'hidden' });
      expect(await caseState(suite.svc, suite.who.auditor, id)).to.deep.equal(before);

      // Escape cancels too (keyboard use).
      await deny.getByRole('button', { name: '不予批准' }).click();
      await dialog.waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      expect(await caseState(suite.svc, suite.who.auditor, id)).to.deep.equal(before);

      await deny.getByRole('button', { name: '不予批准' }).click();
      await dialog.getByRole('button', { name: '不予批准' }).click();
      await page.locator('.case-header .badge', { hasText: '不予批准' }).waitFor();
    });
    const after = await suite.svc.request('GET', `/api/v1/applications/${id}`, { token: suite.who.auditor });
    expect(after.body.status).to.equal('denied');
  });

  it('should say on the sign-in page that a token’s signature does not verify', async () => {
    const { context, page, errors } = await personPage(suite.browser, suite.svc.baseUrl, PHONE);
    await watchForEnglish(context, PROPER_NAMES, suite.english);
    try {
      const [header, payload, signature] = suite.who.clerk('fire').split('.');
      const forged = `${header}.${payload}.${signature!.slice(0, -4)}${signature!.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
      await page.goto(`/#token=${forged}`);
      await page.waitForURL('**/sign-in**');
      const notice = page.getByRole('alert').filter({ hasText: '签名无法验证' });
      await notice.waitFor();
      expect(await notice.textContent()).to.contain('请重新登录');
    } finally {
      suite.pageErrors.push(...errors);
      await context.close();
    }
  });
});
