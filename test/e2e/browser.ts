import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { atEndOfRun, perProcess } from '../support/after-run.ts';

/** Debian's Chromium: the only browser these tests use (never a downloaded one). */
export const CHROMIUM = '/usr/bin/chromium';

/** As root, in a closed network: no sandbox, no GPU, and nothing that calls home at start. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches headless Chromium, or fails saying how to install it (the browser tests never skip). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `the browser tests need Debian's Chromium at ${CHROMIUM}; install it with:\n` +
        '  apt-get update && apt-get install -y --no-install-recommends chromium\n' +
        '(npm test installs it when run as root)',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

/** The run's Chromium and whether the console was built, once per process (see perProcess). */
const run = perProcess('browser', (): { chromium?: Promise<Browser>; built?: boolean } => ({}));

/**
 * The one Chromium of the run, launched on first use and closed at the end of the run (after-run.ts): the files
 * share it, each person of a test still gets a browser context of their own. Do not close it.
 */
export function sharedChromium(): Promise<Browser> {
  if (!run.chromium) {
    run.chromium = launchChromium();
    atEndOfRun(async () => {
      const browser = await run.chromium?.catch(() => undefined);
      delete run.chromium;
      await browser?.close();
    });
  }
  return run.chromium;
}

/**
 * Builds the console into dist/console, where the service serves it, so the tests see the current source; once
 * per process, however many files ask. In a process of its own: Vite's resolver does not work under the tsx
 * loader that runs these tests.
 */
export function buildConsole(): void {
  if (run.built) return;
  execFileSync('npm', ['run', '-s', 'build:console', '--', '--logLevel', 'warn'], { stdio: 'inherit' });
  run.built = true;
}

/** A fresh browser context (its own sessionStorage: one person) and a page that records script errors. */
export async function personPage(
  browser: Browser,
  baseURL: string,
  viewport = { width: 1280, height: 900 },
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    baseURL,
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

/** Who signs in through the development sign-in page. */
export interface Person {
  role: 'applicant' | 'agent' | 'clerk' | 'auditor' | 'admin';
  /** The USCC (applicant), the department code (clerk) or the team code (agent). */
  org?: string;
  sub?: string;
}

/** Signs in through the sign-in page, as a person would, and waits for the role's start page. */
export async function signIn(page: Page, person: Person): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('身份').selectOption(person.role);
  if (person.role === 'clerk') await page.getByLabel('所属部门').selectOption(person.org!);
  if (person.org && (person.role === 'applicant' || person.role === 'agent')) {
    await page.locator('#sign-in-org').fill(person.org);
  }
  if (person.sub) await page.getByLabel('用户账号').fill(person.sub);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
}

/** Where screenshots go: `ZEROTRIP_SCREENSHOTS=docs/screenshots` (npm run console:screenshots), else nowhere. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  const dir = process.env.ZEROTRIP_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage });
}
