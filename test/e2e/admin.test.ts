import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { fireDueTimers, TIMER_MAX_ATTEMPTS } from '../../src/engine/timers.ts';
import { permitProject } from '../fixtures/construction-permit.ts';
import { createDraft } from '../support/http.ts';
import { screenshot } from './browser.ts';
import { consoleSuite, ENTERPRISE, PHONE } from './console-suite.ts';

const ADMIN = { role: 'admin' } as const;

/** Replaces the text of the version box with `body`, as an administrator pasting a prepared file would. */
async function paste(page: Page, label: string, body: unknown): Promise<void> {
  await page.getByLabel(label).fill(JSON.stringify(body, null, 2));
}

/**
 * The administrator's screens (issue 13, item 10): the checklist and a material catalog published after a
 * diff against the version in force, a calendar year, a liaison, and dead timers and messages retried.
 */
describe('console admin screens (headless Chromium)', function () {
  this.timeout(180_000);
  const suite = consoleSuite();

  it('should show what a new checklist changes, refuse a bad one in Chinese, and publish after confirming', async () => {
    const { body: before } = await suite.svc.request('GET', '/api/v1/checklist');
    const { version: _v, publishedAt: _p, ...next } = before;
    next.fees = next.fees.map((f: { code: string; rate: number }) =>
      f.code === 'real-estate-registration' ? { ...f, rate: 600 } : f,
    );
    next.fees.push({
      code: 'survey-fee',
      name: '测绘费',
      basis: '地方价格主管部门批复',
      unit: 'case',
      rate: 1200,
    });
    next.inspections = next.inspections.filter((i: { code: string }) => i.code !== 'archives-acceptance');

    await suite.as(ADMIN, async (page) => {
      await page.getByRole('navigation').getByRole('link', { name: '收费检查清单' }).click();
      await page.getByText(/现行第 1 版/).waitFor();
      await page.getByRole('button', { name: '对照现行版本' }).click();
      await page.getByText('与现行版本相同，无需发布。').waitFor();

      await page.getByLabel('新版本内容（JSON）').fill('{ "fees": [');
      await page.getByRole('button', { name: '对照现行版本' }).click();
      await page
        .getByRole('alert')
        .getByText(/不是有效的 JSON/)
        .waitFor();

      await paste(page, '新版本内容（JSON）', next);
      await page.getByRole('button', { name: '对照现行版本' }).click();
      await page.getByText('与现行版本相比共有 3 处变化：').waitFor();
      const rate = page.locator('tr[data-code="real-estate-registration"]');
      expect(await rate.textContent())
        .to.contain('修改')
        .and.contain('标准（元）：550 → 600');
      expect(await page.locator('tr[data-code="survey-fee"]').textContent())
        .to.contain('测绘费')
        .and.contain('新增');
      expect(await page.locator('tr[data-code="archives-acceptance"]').textContent()).to.contain('删除');
      await suite.check(page);
      await page.locator('.version-diff').scrollIntoViewIfNeeded();
      await screenshot(page, 'admin-checklist-diff', false);

      await page.getByRole('button', { name: '发布新版本' }).click();
      await page.getByText('确认发布为第 2 版？').waitFor();
      await page.getByRole('button', { name: '确认发布' }).click();
      await page.getByText(/已发布第 2 版/).waitFor();
      await page.getByText(/现行第 2 版/).waitFor();
    });
    const { body: after } = await suite.svc.request('GET', '/api/v1/checklist');
    expect(after.version).to.equal(2);
    expect(after.fees.find((f: { code: string }) => f.code === 'real-estate-registration').rate).to.equal(
      600,
    );

    // A refused version changes nothing, and the service's reasons are read in Chinese.
    const twice = { ...next, fees: [...next.fees, { ...next.fees[0], code: 'negative-fee', rate: -1 }] };
    await suite.as(ADMIN, async (page) => {
      await page.goto('/admin/checklist');
      await page.getByText(/现行第 2 版/).waitFor();
      await paste(page, '新版本内容（JSON）', twice);
      await page.getByRole('button', { name: '对照现行版本' }).click();
      await page.getByRole('button', { name: '发布新版本' }).click();
      await page.getByRole('button', { name: '确认发布' }).click();
      await page.getByRole('alert').first().waitFor();
      expect(await page.getByRole('alert').first().textContent()).to.match(/[\u4e00-\u9fff]/);
    });
    expect((await suite.svc.request('GET', '/api/v1/checklist')).body.version).to.equal(2);
  });

  it('should publish a material catalog of the chosen workflow after its diff, at phone width', async () => {
    const { body: before } = await suite.svc.request(
      'GET',
      '/api/v1/workflows/completion-acceptance/materials',
    );
    const { version: _v, publishedAt: _p, workflow: _w, ...next } = before;
    const first = next.items[0];
    next.items[0] = { ...first, pledgeable: !first.pledgeable };
    await suite.as(
      ADMIN,
      async (page) => {
        await page.goto('/admin/materials');
        await page.getByLabel('办理事项').selectOption('completion-acceptance');
        await page.getByText(/现行第 1 版/).waitFor();
        await paste(page, '新版本内容（JSON）', next);
        await page.getByRole('button', { name: '对照现行版本' }).click();
        const row = page.locator(`tr[data-code="${first.code}"]`);
        expect(await row.textContent()).to.contain(
          `可承诺后补：${first.pledgeable ? '是' : '否'} → ${first.pledgeable ? '否' : '是'}`,
        );
        await page.getByRole('button', { name: '发布新版本' }).click();
        await page.getByRole('button', { name: '确认发布' }).click();
        await page.getByText(/已发布第 2 版/).waitFor();
        const overflow = await page.evaluate<number>(
          'document.documentElement.scrollWidth - window.innerWidth',
        );
        expect(overflow, 'horizontal overflow at 390 px').to.be.at.most(0);
      },
      PHONE,
    );
    const { body: after } = await suite.svc.request(
      'GET',
      '/api/v1/workflows/completion-acceptance/materials',
    );
    expect(after.version).to.equal(2);
    expect(after.items[0].pledgeable).to.equal(!first.pledgeable);
  });

  it('should publish a calendar year after a preview, and name a liaison', async () => {
    const holidays = [
      { name: '元旦', daysOff: ['2027-01-01', '2027-01-02', '2027-01-03'], makeUpWorkdays: [] },
      { name: '春节', daysOff: ['2027-02-06', '2027-02-07', '2027-02-08'], makeUpWorkdays: ['2027-02-20'] },
    ];
    await suite.as(ADMIN, async (page) => {
      await page.goto('/admin/calendar');
      await page.getByLabel('年份', { exact: true }).fill('2027');
      await page.getByLabel('年份', { exact: true }).press('Tab');
      await page.getByText('2027 年日历尚未发布，该年的时限暂按周末推算。').waitFor();
      await page.getByLabel('发布依据（如通知文号）').fill('国办发明电〔2026〕7号');
      await paste(page, '节假日安排（JSON）', holidays);
      await page.getByRole('button', { name: '预览' }).click();
      expect(await page.locator('#calendar-preview').textContent()).to.contain('春节');
      await suite.check(page);
      await page.getByRole('button', { name: '发布新版本' }).click();
      await page.getByRole('button', { name: '确认发布' }).click();
      await page.getByText(/已发布 2027 年日历/).waitFor();
      await page.getByText(/2027 年日历已于 .* 发布/).waitFor();
    });
    const calendar = await suite.svc.request('GET', '/api/v1/calendar/2027');
    expect(calendar.status).to.equal(200);
    expect(calendar.body.source).to.equal('国办发明电〔2026〕7号');

    await suite.as(ADMIN, async (page) => {
      await page.goto('/admin/liaisons');
      await page.getByLabel('企业统一社会信用代码').fill(ENTERPRISE.toLowerCase());
      await page.getByRole('button', { name: '查询现任联络人' }).click();
      await page.getByText(`企业 ${ENTERPRISE} 尚未指定联络人。`).waitFor();
      await page.getByLabel('联络人账号').fill('clerk-window-li');
      await page.getByRole('button', { name: '指定', exact: true }).click();
      await page.getByText(new RegExp(`企业 ${ENTERPRISE} 的联络人为 clerk-window-li`)).waitFor();
    });
    const liaison = await suite.svc.request('GET', `/api/v1/enterprises/${ENTERPRISE}/liaison`, {
      token: suite.who.applicant,
    });
    expect(liaison.body.clerk).to.equal('clerk-window-li');
  });

  it('should list a dead timer and a dead message with their case, and retry each after confirming', async () => {
    const { svc, who } = suite;
    const id = await createDraft(svc, who.applicant, {
      workflow: 'construction-permit',
      project: permitProject,
    });
    const now = svc.clock.now().toISOString();
    const db = svc.service.db.knex;
    // A timer whose event always fails (SUBMIT of an incomplete draft), fired until it is parked.
    await db('timers').insert({
      application_id: id,
      timer_key: 'poison',
      event: JSON.stringify({ type: 'SUBMIT' }),
      due_at: now,
      created_at: now,
    });
    for (let i = 0; i < TIMER_MAX_ATTEMPTS; i++) {
      svc.clock.advance({ hours: 2 });
      await fireDueTimers(svc.service.db, svc.service.engine);
    }
    // A webhook message its receiver never took, parked after its last attempt.
    await db('outbox').insert({
      application_id: id,
      type: 'notification',
      payload: JSON.stringify({ kind: 'test' }),
      created_at: now,
      available_at: now,
      attempts: 8,
      last_error: 'webhook did not answer within 5000 ms',
      dead_at: now,
    });

    await suite.as(ADMIN, async (page) => {
      await page.getByRole('navigation').getByRole('link', { name: '异常任务' }).click();
      const timers = page.locator('#timers table tbody tr');
      await timers.first().waitFor();
      expect(await timers.count()).to.equal(1);
      expect(await timers.first().textContent())
        .to.contain('提交申请')
        .and.contain(String(TIMER_MAX_ATTEMPTS));
      const messages = page.locator('#outbox table tbody tr');
      expect(await messages.first().textContent()).to.contain('办件动态通知');
      // The receiver's own words stay folded away until asked for.
      expect(await page.locator('#outbox details').first().getAttribute('open')).to.equal(null);
      await suite.check(page);
      await screenshot(page, 'admin-troubles');

      await timers
        .first()
        .getByRole('button', { name: /^重试第/ })
        .click();
      await page.getByRole('button', { name: '确认重试' }).click();
      await page
        .locator('#timers')
        .getByText(/已重新排队/)
        .waitFor();
      await page.locator('#timers').getByText('没有这类定时任务。').waitFor();
      await messages
        .first()
        .getByRole('button', { name: /^重试第/ })
        .click();
      await page.getByRole('button', { name: '确认重试' }).click();
      await page.locator('#outbox').getByText('没有这类外发消息。').waitFor();
      await page.getByLabel('正在重试的').check();
      await page.locator('#timers').getByText('没有这类定时任务。').waitFor();
    });
    const dead = await svc.request('GET', '/api/v1/admin/outbox', {
      token: svc.token({ sub: 'a', role: 'admin' }),
    });
    expect(dead.body.items).to.deep.equal([]);
  });

  it('should keep the admin screens from anyone but an administrator', async () => {
    await suite.as({ role: 'clerk', org: 'window' }, async (page) => {
      await page.goto('/admin/checklist');
      await page.getByRole('heading', { name: '页面不存在' }).waitFor();
      expect(await page.getByRole('navigation').getByRole('link', { name: '异常任务' }).count()).to.equal(0);
    });
  });
});
