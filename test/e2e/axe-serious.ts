import type { Page } from 'playwright-core';
import { runAxe } from './accessibility.ts';

/**
 * The serious and critical accessibility violations axe-core finds on the page as it is now (WCAG 2 A and AA
 * rules), within `include` when given, as `rule: target` lines; empty when there are none.
 */
export async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  const { violations } = await runAxe(page, ['wcag2a', 'wcag2aa'], include);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((node) => `${v.id}: ${node.target.join(' ')}`));
}
