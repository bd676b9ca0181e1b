/**
 * What the console's browser suites share: headless Chromium, the service on SQLite with the development
 * sign-in, and the checks after every test (no uncaught page error, no English on a page read in Chinese).
 */
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { people, startTestService, type People, type TestService } from '../support/http.ts';
import { buildConsole, launchChromium, personPage, signIn, type Person } from './browser.ts';
import { scanNow, watchForEnglish, type EnglishSighting } from './english-scan.ts';

/** The enterprise of the example, and another one. */
export const ENTERPRISE = '91310115591693856A';
export const OTHER = '91310110666007217T';

/** Names the tests type in themselves: proper names a person may write in any script. */
export const PROPER_NAMES = [
  'Aviation Town Component Plant, Building 3',
  'Changjiang Construction Engineering Co.',
  'Fee test plant',
  'Agent test plant',
];

/** A console suite, ready once its `before` has run. */
export interface ConsoleSuite {
  readonly svc: TestService;
  readonly browser: Browser;
  readonly who: People;
  /** Uncaught errors of the pages; checked empty after each test. */
  readonly pageErrors: string[];
  /** English sentences seen on zh-CN pages; checked empty after each test. */
  readonly english: EnglishSighting[];
  /** Runs `act` as one person in a browser context of its own. */
  as<T>(
    person: Person,
    act: (page: Page) => Promise<T>,
    viewport?: { width: number; height: number },
  ): Promise<T>;
}

/** Registers the suite's hooks in the calling `describe` and gives what its tests use. */
export function consoleSuite(): ConsoleSuite {
  let svc: TestService;
  let browser: Browser;
  let who: People;
  const pageErrors: string[] = [];
  const english: EnglishSighting[] = [];

  before(async () => {
    browser = await launchChromium();
    buildConsole();
    svc = await startTestService('sqlite', undefined, { developmentSecret: true });
    who = people(svc, ENTERPRISE, OTHER);
  });

  after(async () => {
    await browser?.close();
    await svc?.close();
  });

  afterEach(() => {
    expect(pageErrors, 'uncaught errors in the page').to.deep.equal([]);
    // Issue 13: no English sentence reaches a page a person reads in Chinese.
    expect(english.splice(0), 'English sentences on zh-CN pages').to.deep.equal([]);
  });

  async function as<T>(
    person: Person,
    act: (page: Page) => Promise<T>,
    viewport?: { width: number; height: number },
  ) {
    const { context, page, errors } = await personPage(browser, svc.baseUrl, viewport);
    await watchForEnglish(context, PROPER_NAMES, english);
    try {
      await signIn(page, person);
      const result = await act(page);
      await scanNow(page);
      return result;
    } finally {
      pageErrors.push(...errors);
      await context.close();
    }
  }

  return {
    get svc() {
      return svc;
    },
    get browser() {
      return browser;
    },
    get who() {
      return who;
    },
    pageErrors,
    english,
    as,
  };
}
