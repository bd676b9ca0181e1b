import type { BrowserContext } from 'playwright-core';
import { ENGLISH_SENTENCE } from '../support/english.ts';

/** An English sentence seen on a zh-CN page: where, and what. */
export interface EnglishSighting {
  path: string;
  sentences: string[];
}

/**
 * Watches every page of a browser context, after every change of its DOM, for English sentences in the text
 * a person sees (`document.body.innerText`, so hidden elements and attribute values are left out) while the
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
      let pending = false;
      const scan = () => {
        pending = false;
        if (document.documentElement.lang !== 'zh-CN' || !document.body) return;
        let text = document.body.innerText;
        for (const phrase of phrases) text = text.split(phrase).join(' ');
        const found = (text.match(sentence) || []).filter((s) => !seen.has(s));
        if (!found.length) return;
        found.forEach((s) => seen.add(s));
        window.__reportEnglish(location.pathname, found);
      };
      // After the page settles from each change: a render batch is one scan.
      new MutationObserver(() => {
        if (!pending) {
          pending = true;
          setTimeout(scan, 0);
        }
      }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
    })();`,
  });
}
