import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { loadSupervisionRules, sweepLights } from '../../src/task-forces/index.ts';
import { startTestService, type TestService } from '../support/http.ts';
import { issuedPermitLicence, licensedProject } from '../support/licences.ts';
import { BASELINE, formTaskForce, PROJECT, projectPath, projectPeople } from '../support/task-forces.ts';
import { runAxe } from './accessibility.ts';
import { buildConsole, personPage, sharedChromium, screenshot, signIn, type Person } from './browser.ts';

/*
 * The battle map in the console (issue 16, item 8), in headless Chromium: the key project as a row with its
 * light, stage and milestones planned against actual on one axis, the filters, the key projects' figures in
 * the general reports, and no serious or critical accessibility violation (axe-core).
 */

describe('console battle map (headless Chromium)', function () {
  this.timeout(180_000);
  let svc: TestService;
  let browser: Browser;
  const pageErrors: string[] = [];

  before(async () => {
    browser = await sharedChromium();
    buildConsole();
    svc = await startTestService('sqlite', undefined, { developmentSecret: true });
    const who = projectPeople(svc);
    await formTaskForce(svc, who);
    await svc.request('POST', projectPath('/plan/baselines'), {
      token: who.officer,
      body: { planned: BASELINE },
    });
    await svc.request('PUT', projectPath('/plan/milestones/signing'), {
      token: who.officer,
      body: { actualOn: '2026-01-05' },
    });
    await issuedPermitLicence({ svc, who }, { ...licensedProject });
    // Land supply 41 days late: red, and the task force is told.
    await sweepLights(
      { db: svc.service.db, rules: loadSupervisionRules().lights, webhook: false },
      svc.clock.now(),
    );
  });
  after(async () => {
    await svc?.close();
  });
  afterEach(() => {
    expect(pageErrors, 'uncaught errors in the page').to.deep.equal([]);
  });

  async function as(person: Person, act: (page: Page) => Promise<void>): Promise<void> {
    const { context, page, errors } = await personPage(browser, svc.baseUrl);
    try {
      await signIn(page, person);
      await act(page);
    } finally {
      pageErrors.push(...errors);
      await context.close();
    }
  }

  it('should show the project as a row with its light, stage and milestones on the axis', async () => {
    await as({ role: 'auditor', sub: 'leader-wang' }, async (page) => {
      // The leader is told of the light in person, though an auditor.
      await page.getByRole('link', { name: '消息：1 条未读' }).waitFor();
      await page.getByRole('link', { name: '项目作战图' }).click();
      await page.getByRole('heading', { name: '重点项目作战图', level: 1 }).waitFor();
      expect(await page.locator('table.battle-map tbody tr .badge').first().textContent()).to.equal('红灯');
      const row = page.locator('table.battle-map tbody tr');
      await row.first().waitFor();
      expect(await row.count()).to.equal(1);
      const text = await row.textContent();
      expect(text).to.include(licensedProject.name).and.include(PROJECT);
      expect(text).to.include('立项用地规划许可');
      expect(await row.locator('.mark.planned').count()).to.equal(Object.keys(BASELINE).length);
      // Signing entered, stages 2 and 3 from the permit's issue.
      expect(await row.locator('.mark.actual').count()).to.equal(3);
      expect(await row.getByRole('img').getAttribute('aria-label')).to.equal('计划节点 10 个，已完成 3 个');
      const axe = await runAxe(page);
      const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => v.id)).to.deep.equal([]);
      await screenshot(page, 'battle-map');
    });
  });

  it("should count the red project in the weekly report's key projects, linked to the battle map", async () => {
    await as({ role: 'auditor', sub: 'leader-wang' }, async (page) => {
      await page.goto('/audit/reports');
      const note = page.locator('#weekly p.key-projects');
      await note.waitFor();
      const text = await note.textContent();
      expect(text).to.include('共 1 个，绿灯 0 个、黄灯 0 个、红灯 1 个');
      expect(text).to.include('灯色变化 1 次，其中恢复 0 次');
      expect(text).to.include('问题清单未解决 0 个');
      await note.getByRole('link', { name: '重点项目：' }).click();
      await page.getByRole('heading', { name: '重点项目作战图', level: 1 }).waitFor();
    });
  });

  it('should filter by stage and by task force member', async () => {
    await as({ role: 'admin', sub: 'zone-admin' }, async (page) => {
      await page.goto('/battle-map');
      await page.locator('table.battle-map tbody tr').first().waitFor();
      await page.getByLabel('所处阶段').selectOption('4');
      await page.getByText('没有符合条件的重点项目。').waitFor();
      await page.getByLabel('所处阶段').selectOption('1');
      await page.locator('table.battle-map tbody tr').first().waitFor();
      await page.getByLabel('专班成员（账号或牵头单位代码）').fill('someone-else');
      await page.getByLabel('专班成员（账号或牵头单位代码）').press('Enter');
      await page.getByText('没有符合条件的重点项目。').waitFor();
    });
  });

  it('should show a clerk outside the task force no project', async () => {
    await as({ role: 'clerk', org: 'fire', sub: 'clerk-fire' }, async (page) => {
      await page.getByRole('link', { name: '项目作战图' }).click();
      await page.getByText('没有符合条件的重点项目。').waitFor();
    });
  });
});
