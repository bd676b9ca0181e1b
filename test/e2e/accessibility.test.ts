import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import { completionCase, createDraft } from '../support/http.ts';
import { issuedPermitLicence } from '../support/licences.ts';
import { consoleSuite, DESKTOP, ENTERPRISE, PHONE, type Viewport, type Visitor } from './console-suite.ts';

/** Every page of a role, each opened and left to settle before axe-core reads it. */
type Visit = { path: string; ready: (page: Page) => Promise<unknown> };

const main = (page: Page) => page.locator('main h1').first().waitFor();

describe('console accessibility (headless Chromium, axe-core)', function () {
  this.timeout(300_000);
  const suite = consoleSuite();
  let permit: string;
  let completion: string;
  let draft: string;
  let licence: string;

  before(async () => {
    const { svc, who } = suite;
    const issued = await issuedPermitLicence({ svc, who });
    licence = issued.number;
    permit = issued.caseId;
    completion = await completionCase({ svc, who });
    draft = await createDraft(svc, who.applicant, constructionPermitApplication());
  });

  /** Opens each page in turn as `visitor` and has it checked (English and axe-core). */
  async function visitAll(visitor: Visitor, visits: Visit[], viewport: Viewport) {
    await suite.as(
      visitor,
      async (page) => {
        for (const visit of visits) {
          await page.goto(visit.path);
          await visit.ready(page);
          await suite.check(page);
        }
      },
      viewport,
    );
  }

  const byRole = (): Array<[Visitor, Visit[]]> => [
    [
      null,
      [
        { path: '/sign-in', ready: (page) => page.getByLabel('身份').waitFor() },
        { path: '/guide', ready: (page) => page.locator('#guide-departments tr').first().waitFor() },
        { path: `/verify/${licence}`, ready: (page) => page.locator('main h1').waitFor() },
      ],
    ],
    [
      { role: 'applicant', org: ENTERPRISE },
      [
        { path: '/cases', ready: (page) => page.locator('.case-card').first().waitFor() },
        { path: '/cases/new', ready: main },
        {
          path: '/cases/new?workflow=construction-permit',
          ready: (page) => page.getByLabel('项目名称').waitFor(),
        },
        { path: `/cases/${draft}/edit`, ready: (page) => page.getByLabel('项目名称').waitFor() },
        {
          path: `/cases/${permit}`,
          ready: (page) => page.locator('table.history tbody tr').first().waitFor(),
        },
        { path: `/cases/${completion}`, ready: (page) => page.locator('.lane').first().waitFor() },
        { path: '/delegations', ready: main },
        { path: '/enterprise', ready: main },
        { path: '/notifications', ready: main },
        { path: '/guide', ready: (page) => page.locator('#guide-departments tr').first().waitFor() },
        { path: '/no-such-page', ready: main },
      ],
    ],
    [{ role: 'agent', org: 'service-team', sub: 'agent-wang' }, [{ path: '/agent', ready: main }]],
    [
      { role: 'clerk', org: 'fire' },
      [
        { path: '/inbox', ready: (page) => page.locator('table.inbox tbody tr').first().waitFor() },
        { path: '/cases', ready: main },
        { path: `/cases/${completion}`, ready: (page) => page.locator('.lane').first().waitFor() },
        { path: '/notifications', ready: main },
      ],
    ],
    [
      { role: 'auditor' },
      [
        { path: '/audit', ready: main },
        { path: '/audit/reports', ready: main },
        { path: '/cases', ready: main },
        {
          path: `/cases/${permit}`,
          ready: (page) => page.locator('table.history tbody tr').first().waitFor(),
        },
      ],
    ],
    [
      { role: 'admin' },
      [
        { path: '/audit', ready: main },
        { path: '/admin/checklist', ready: (page) => page.getByText(/现行第/).waitFor() },
        { path: '/admin/materials', ready: (page) => page.getByText(/现行第/).waitFor() },
        { path: '/admin/calendar', ready: (page) => page.locator('#calendar-status:not(:empty)').waitFor() },
        { path: '/admin/liaisons', ready: main },
        { path: '/admin/troubles', ready: (page) => page.locator('#outbox p.muted').waitFor() },
      ],
    ],
  ];

  for (const [name, viewport] of [
    ['1280 px', DESKTOP],
    ['390 px', PHONE],
  ] as const) {
    it(`should find no serious or critical violation on any page at ${name}`, async () => {
      for (const [visitor, visits] of byRole()) await visitAll(visitor, visits, viewport);
      expect(suite.checked.length).to.be.at.least(20);
    });
  }
});
