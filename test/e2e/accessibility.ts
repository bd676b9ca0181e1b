import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** A serious or critical axe-core violation on one page: which rule, where, and the elements. */
export interface AxeFinding {
  path: string;
  rule: string;
  impact: string;
  targets: string[];
}

/** The part of axe-core's results these tests read. */
export interface AxeResults {
  passes: unknown[];
  violations: Array<{ id: string; impact?: string | null; nodes: Array<{ target: unknown[] }> }>;
}

/** What the console answers for (issue 13, item 11): nothing a screen-reader or keyboard user trips over. */
const BLOCKING = new Set(['serious', 'critical']);

/** WCAG 2.0/2.1 A and AA rules and axe-core's best practices: what the console suites check every page for. */
const CONSOLE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/**
 * The axe-core that @axe-core/playwright would inject (its dependency, resolved from there). Injected by hand,
 * once per document instead of at every check: half a megabyte of script for Chromium to parse took longer than
 * the checks themselves, and @axe-core/playwright also opened a blank page per check to merge its results.
 */
const AXE_SOURCE: string = createRequire(import.meta.resolve('@axe-core/playwright'))('axe-core').source;

/**
 * Runs axe-core on the page as it is now — the rules of `tags` (all of them when omitted), within `include`
 * (a selector) when given. Only the violations' elements are listed in full: the passing ones are not read,
 * and shipping them out of the page cost as much as the checks.
 */
export async function runAxe(page: Page, tags?: string[], include?: string): Promise<AxeResults> {
  // Into every frame, as @axe-core/playwright does, so that rules tested across frames see them all.
  for (const frame of page.frames()) {
    if (!(await frame.evaluate<boolean>('typeof window.axe === "object"'))) await frame.evaluate(AXE_SOURCE);
  }
  const options = {
    resultTypes: ['violations'],
    ...(tags ? { runOnly: { type: 'tag', values: tags } } : {}),
  };
  const context = include ? JSON.stringify({ include: [include] }) : 'document';
  return page.evaluate<AxeResults>(`axe.run(${context}, ${JSON.stringify(options)})`);
}

/**
 * Runs the console's rules (CONSOLE_TAGS) on the page as it is now and returns the serious and critical
 * violations; the moderate and minor ones are left to review.
 */
export async function axeFindings(page: Page): Promise<AxeFinding[]> {
  // Into every frame, as @axe-core/playwright does, so that rules tested across frames see them all.
  for (const frame of page.frames()) {
    if (!(await frame.evaluate<boolean>('typeof window.axe === "object"'))) await frame.evaluate(AXE_SOURCE);
  }
  const results = await runAxe(page, CONSOLE_TAGS);
  const path = new URL(page.url()).pathname;
  if (process.env.ZEROTRIP_AXE_DEBUG) {
    console.log(
      path,
      results.passes.length,
      results.violations.map((v) => `${v.id}:${v.impact}`),
    );
  }
  return results.violations
    .filter((v) => v.impact && BLOCKING.has(v.impact))
    .map((v) => ({
      path,
      rule: v.id,
      impact: v.impact!,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
}
