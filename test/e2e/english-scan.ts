import type { BrowserContext, Page } from 'playwright-core';
import { ENGLISH_SENTENCE } from '../support/english.ts';

/** An English sentence seen on a zh-CN page: where, and what. */
export interface EnglishSighting {
  path: string;
  sentences: string[];
}

/**
 * Watches every page of a browser context, after every change of its DOM, for English sentences in the text
 * a person sees (`document.body.innerText`, so hidden elements are left out, and the inputs' placeholders) while the
 * page is in Chinese (`<html lang="zh-CN">`). What counts as English: test/support/english.ts. `allowed` are
 * phrases the test typed in itself (project and company names); they are proper names, not sentences. What
 * is seen goes into `sightings`.
 */
export async function watchForEnglish(
  context: BrowserContext,
  allowed: readonly string[],
  sightings: EnglishSighting[],
): Promise<void> {
  await context.exposeBinding('__reportEnglish', (_source, path: string, sentences: string[]) => {
    sightings.push({ path, sentences });
  });
  // Runs in the page (plain script text: the tests are type-checked without the DOM library).
  await context.addInitScript({
    content: `(() => {
      const sentence = new RegExp(${JSON.stringify(ENGLISH_SENTENCE)}, 'g');
      const phrases = ${JSON.stringify(allowed)};
      const seen = new Set();
      let pending = 0;
      const scan = () => {
        pending = 0;
        if (document.documentElement.lang !== 'zh-CN' || !document.body) return;
        const placeholders = [...document.querySelectorAll('[placeholder]')].map((e) => e.placeholder);
        let text = [document.body.innerText, ...placeholders].join('\\n');
        for (const phrase of phrases) text = text.split(phrase).join(' ');
        const found = (text.match(sentence) || []).filter((s) => !seen.has(s));
        if (!found.length) return;
        found.forEach((s) => seen.add(s));
        window.__reportEnglish(location.pathname, found);
      };
      // Once the page has been still for a moment after a change: a burst of renders is one scan.
      new MutationObserver(() => {
        clearTimeout(pending);
        pending = setTimeout(scan, 50);
      }).observe(document, { subtree: true, childList: true, characterData: true });
      window.__scanEnglish = scan;
    })();`,
  });
}

/** Scans the page as it is now, for what changed too recently to have been scanned yet. */
export async function scanNow(page: Page): Promise<void> {
  await page.evaluate('window.__scanEnglish && window.__scanEnglish()');
}
