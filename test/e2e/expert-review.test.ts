/**
 * Issue 15, item 8, in the browser: the investor files a proposal through the generic draft page and follows
 * it in words; the review officer closes the batch, draws, decides an objection and records an absence; the
 * experts declare and vote through the API; the investor reads the decision; the auditor re-runs the draw and
 * reads the figures. One check at phone width.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { sendOk } from '../support/http.ts';
import { ballot, REVIEWS, reviewPeople, seedRoster, vote } from '../support/investment-review-scene.ts';
import { screenshot } from './browser.ts';
import { consoleSuite, ENTERPRISE, PHONE } from './console-suite.ts';

const PROJECT = '高纯氧化铝陶瓷基板项目';
const CODE = '2026-360202-30-01-000017';
const OFFICER = { role: 'clerk', org: 'investment-promotion', sub: 'officer-1' } as const;
const INVESTOR = { role: 'applicant', org: ENTERPRISE, sub: 'investor-1' } as const;
const AUDITOR = { role: 'auditor', sub: 'auditor-1' } as const;

/** Text a person reads on the page, to check that no machine state name leaks into it. */
const textOf = (page: Page, selector: string) => page.locator(selector).innerText();

describe('console expert review (headless Chromium)', function () {
  this.timeout(180_000);
  const suite = consoleSuite({ at: '2026-03-02T10:00:00+08:00' });
  let caseId = '';
  let panel: string[] = [];

  before(async () => {
    await seedRoster(suite.svc, reviewPeople(suite.svc).admin);
  });

  const review = async () =>
    (await suite.svc.request('GET', `${REVIEWS}/${caseId}`, { token: reviewPeople(suite.svc).officer })).body;

  it('should let the investor file a proposal with the draft page and see it waiting for the batch', async () => {
    await suite.as(INVESTOR, async (page) => {
      await page.goto('/cases/new');
      await page.getByRole('link', { name: /招商项目预审/ }).click();
      await page.getByLabel('项目名称').fill(PROJECT);
      await page.getByLabel('投资项目代码').fill(CODE);
      await page.getByLabel('行业代码').fill('new-materials');
      await page.getByLabel('总投资（元）').fill('360000000');
      await page.getByLabel('用地面积（亩）').fill('100');
      await page.getByLabel('达产后年产值（元）').fill('800000000');
      await page.getByLabel('达产后年税收（元）').fill('32000000');
      await page.getByLabel('新增就业岗位').fill('420');
      await page.getByLabel('容积率').fill('1.2');
      await page.getByLabel(/^建筑密度/).fill('0.45');
      await page.getByLabel('技术水平').selectOption('domestic-leading');
      await page.getByRole('button', { name: '提交申请' }).click();
      await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
      caseId = new URL(page.url()).pathname.split('/').pop()!;
      const progress = page.locator('#review-progress');
      await progress.getByText('已纳入 2026-03 批次，批次于 2026年3月10日 截止后送部门预审').waitFor();
      await progress.getByText('部门预审后随机抽取评审专家').waitFor();
    });
  });

  it('should let the review officer close the batch, draw the panel and decide an objection', async () => {
    await suite.as(OFFICER, async (page) => {
      await page.getByRole('navigation').getByRole('link', { name: '项目预审' }).click();
      const batch = page.locator('#batch-2026-03');
      await batch.getByRole('link', { name: PROJECT }).waitFor();
      await batch.getByRole('button', { name: /提前截止本批次/ }).click();
      await batch.getByText('本批次已截止，1 个项目已送部门预审。').waitFor();
    });
    for (const department of ['land', 'planning', 'environment']) {
      await sendOk(
        suite.svc,
        suite.svc.token({ sub: `clerk-${department}`, role: 'clerk', org: department }),
        caseId,
        {
          type: 'PRE_REVIEW',
          department,
          data:
            department === 'land'
              ? { position: 'agree-with-conditions', conditions: '用地红线按规划调整' }
              : { position: 'agree' },
        },
      );
    }
    await suite.as(OFFICER, async (page) => {
      await page.goto(`/reviews/${caseId}`);
      await page.locator('#positions').getByText('土地核验：有条件同意（用地红线按规划调整）').waitFor();
      await page.getByRole('button', { name: '随机抽取评审专家' }).click();
      await page.locator('#panel').getByText('待申明').first().waitFor();
    });
    panel = (await review()).panel.map((p: { expert: string }) => p.expert);
    expect(panel).to.have.length(5);
    await suite.as(INVESTOR, async (page) => {
      await page.goto(`/cases/${caseId}`);
      const progress = page.locator('#review-progress');
      await progress.getByText('已随机抽取评审专家 5 名').waitFor();
      await progress.getByLabel('申请回避的专家').selectOption(panel[0]!);
      await progress.getByLabel('回避理由').fill('该专家曾为竞争企业提供咨询');
      await progress.getByRole('button', { name: '提交回避申请' }).click();
      await progress.getByText(/^您申请专家\d回避，待评审工作人员决定$/).waitFor();
    });
    await suite.as(OFFICER, async (page) => {
      await page.goto(`/reviews/${caseId}`);
      const objection = page.getByRole('heading', { name: /^申报单位申请专家\d回避$/ });
      await objection.waitFor();
      await page.getByLabel('决定理由').fill('咨询关系属实');
      await page.getByRole('button', { name: '同意回避（另行抽取）' }).click();
      await page
        .locator('#panel')
        .getByText(/申报单位申请回避成立，已另行抽取/)
        .waitFor();
    });
    panel = (await review()).panel.map((p: { expert: string }) => p.expert);
    expect(panel).to.have.length(5);
  });

  it('should let the officer record an absence and see the decision once the experts have voted', async () => {
    const people = reviewPeople(suite.svc);
    for (const expert of panel) {
      const declared = await suite.svc.request('POST', `${REVIEWS}/${caseId}/declaration`, {
        token: people.expert(expert),
        body: { conflict: false },
      });
      expect(declared.status, JSON.stringify(declared.body)).to.equal(200);
    }
    await suite.as(OFFICER, async (page) => {
      await page.goto(`/reviews/${caseId}`);
      await page.getByText('第 1 次会议：已投票 0 / 到会 5 人。', { exact: false }).waitFor();
      const absentee = (await review()).panel[4].name as string;
      await page.getByRole('button', { name: `登记${absentee}缺席` }).click();
      await page.getByText('第 1 次会议：已投票 0 / 到会 4 人。', { exact: false }).waitFor();
    });
    for (const [i, expert] of panel.slice(0, 4).entries()) {
      const cast = await vote(
        suite.svc,
        people,
        caseId,
        expert,
        ballot(i < 3 ? 'pass-with-conditions' : 'pass'),
      );
      expect(cast.status, JSON.stringify(cast.body)).to.equal(200);
    }
    await suite.as(OFFICER, async (page) => {
      await page.goto(`/reviews/${caseId}`);
      const meeting = page.locator('#meeting');
      await meeting.getByText('评审结论：有条件通过').waitFor();
      await meeting.getByText('第 1 次会议已结束，投票已揭晓（见下）。').waitFor();
      await meeting.getByText('表决结果：通过 1，有条件通过 3，暂缓 0，不通过 0', { exact: false }).waitFor();
      await screenshot(page, 'review-officer');
    });
  });

  it('should show the investor the decision and its conditions in words', async () => {
    await suite.as(INVESTOR, async (page) => {
      await page.goto(`/cases/${caseId}`);
      const progress = page.locator('#review-progress');
      await progress.getByText('评审结论：有条件通过').waitFor();
      await progress.getByText('用地红线按规划调整').last().waitFor();
      // Three members stated the same condition: it is one item to confirm.
      expect(await progress.getByText('三年内达产', { exact: true }).count()).to.equal(1);
      await progress.getByText('已随机抽取评审专家 5 名').waitFor();
      await screenshot(page, 'review-progress');
      // The whole page in words: no state name, status code or event type of the machine.
      const words = await textOf(page, 'main');
      for (const raw of [
        'passedWithConditions',
        'in_review',
        'preReview',
        'meeting',
        'conditional_pass',
        'pre-review',
        'decide',
      ]) {
        expect(words).not.to.contain(raw);
      }
      expect(words).not.to.match(/\b[A-Z]+_[A-Z_]+\b|\bOBJECTION\b|\bVOTE\b/);
    });
  });

  it('should let the auditor re-run the draw from its record and read the figures', async () => {
    const check = (await suite.svc.request('GET', `${REVIEWS}/${caseId}/draw`, { token: suite.who.auditor }))
      .body;
    expect(check.matches).to.equal(true);
    await suite.as(AUDITOR, async (page) => {
      await page.getByRole('navigation').getByRole('link', { name: '项目预审' }).click();
      await page.getByRole('link', { name: PROJECT }).click();
      const draw = page.locator('#draw-check');
      await draw.getByText('按记录重新计算，抽取结果与记录一致。').waitFor();
      await draw.getByText(check.draws[0].draw.seed).waitFor();
      await draw.getByText(/退出（申报单位申请回避成立，已另行抽取），递补/).waitFor();
      await draw.getByRole('row', { name: /其他领域专家.*专业领域不符，排除/ }).waitFor();
      await draw.getByRole('row', { name: /专家7.*与申报单位有关联，排除/ }).waitFor();
      expect(await draw.getByRole('row', { name: /递补抽中/ }).count()).to.equal(1);
      await screenshot(page, 'review-draw-check');
      await page.goto('/reviews');
      const year = page.getByRole('spinbutton', { name: '年度' });
      await year.fill('2026');
      await year.press('Enter');
      await page
        .locator('#review-figures')
        .getByText(/评审 1 个，通过 1 个（其中有条件通过 1 个）/)
        .waitFor();
    });
  });

  it('should keep the review pages to the officer, auditors and administrators, and fit a phone', async () => {
    await suite.as({ role: 'clerk', org: 'planning' }, async (page) => {
      expect(await page.getByRole('navigation').getByRole('link', { name: '项目预审' }).count()).to.equal(0);
      await page.goto(`/reviews/${caseId}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await page.locator('#draw-check').count()).to.equal(0);
    });
    await suite.as(
      OFFICER,
      async (page) => {
        await page.goto(`/reviews/${caseId}`);
        await page.locator('#draw-check').getByText('按记录重新计算，抽取结果与记录一致。').waitFor();
        const width = await page.evaluate<number>('document.documentElement.scrollWidth');
        expect(width).to.be.at.most(PHONE.width);
      },
      PHONE,
    );
  });
});
