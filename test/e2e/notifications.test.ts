import { expect } from 'chai';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import { acceptedCase, sendOk } from '../support/http.ts';
import { consoleSuite, ENTERPRISE, OTHER } from './console-suite.ts';

describe('console bell (headless Chromium)', function () {
  this.timeout(120_000);
  const suite = consoleSuite();
  const { as } = suite;

  before(async () => {
    const { svc, who } = suite;
    // Accepted, then approved by planning: two messages for the enterprise.
    const id = await acceptedCase(svc, who, constructionPermitApplication());
    await sendOk(svc, who.clerk('planning'), id, { type: 'APPROVE', department: 'planning' });
  });

  it('should show the unread count in the header, list the messages, and count one down when it is read', async () => {
    await as({ role: 'applicant', org: ENTERPRISE, sub: 'ent-user' }, async (page) => {
      const bell = page.getByRole('link', { name: '消息：2 条未读' });
      await bell.waitFor();
      expect(await page.getByTestId('unread-count').textContent()).to.equal('2');
      await bell.click();
      await page.waitForURL((url) => url.pathname === '/notifications');
      await page.getByRole('heading', { name: '消息', level: 1 }).waitFor();
      const items = page.locator('ol.messages > li');
      // The heading shows before the list has loaded: wait for its items, then count them.
      await items.first().waitFor();
      expect(await items.count()).to.equal(2);
      expect(await items.nth(0).getAttribute('data-code')).to.equal('department-decided');
      expect(await items.nth(0).textContent()).to.include('自然资源和规划已于');
      expect(await items.nth(1).textContent()).to.include('法定办结时限为45个工作日');
      await items.nth(1).getByRole('button', { name: '标为已读' }).click();
      await page.getByRole('link', { name: '消息：1 条未读' }).waitFor();
      expect(await items.nth(1).getAttribute('class')).to.include('read');
      expect(await items.nth(1).getByRole('button', { name: '标为已读' }).count()).to.equal(0);
      // The link of a message opens its case.
      await items.nth(0).getByRole('link').click();
      await page.waitForURL((url) => url.pathname.startsWith('/cases/'));
    });
  });

  it("should show another enterprise no count and none of the first one's messages", async () => {
    await as({ role: 'applicant', org: OTHER, sub: 'other-user' }, async (page) => {
      const bell = page.getByRole('link', { name: '消息：没有未读' });
      await bell.waitFor();
      expect(await page.getByTestId('unread-count').count()).to.equal(0);
      await bell.click();
      await page.getByText('暂无消息。').waitFor();
    });
  });
});
