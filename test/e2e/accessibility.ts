import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** A serious or critical axe-core violation on one page: which rule, where, and the elements. */
export interface AxeFinding {
  path: string;
  rule: string;
  impact: string;
  targets: string[];
}

/** What the console answers for (issue 13, item 11): nothing a screen-reader or keyboard user trips over. */
const BLOCKING = new Set(['serious', 'critical']);

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules, and its best practices) on the page as it is now and returns the
 * serious and critical violations; the moderate and minor ones are left to review.
 */
export async function axeFindings(page: Page): Promise<AxeFinding[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
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
