/**
 * What counts as English on a page or in a sentence meant for Chinese readers: three or more words in a row
 * made of Latin letters with a lowercase letter among them ("must be at most", "the event is incomplete").
 * Codes and identifiers stay allowed — USCCs, case and project numbers, event types in capitals, dates,
 * pointers, units (m², KiB), a lone word (a proper name, "JSON") or two ("Bearer token" is not a sentence).
 */
const WORD = String.raw`[A-Za-z]*[a-z][A-Za-z'’]*`;

/** The pattern's source, for checks that run inside the browser (test/e2e/english-scan.ts). */
export const ENGLISH_SENTENCE = String.raw`\b${WORD}(?:[ \t,;:]+${WORD}){2,}\b`;
const SENTENCE = new RegExp(ENGLISH_SENTENCE, 'g');

/** The English sentences in a text, or an empty list; `allowed` are phrases that may appear (proper names). */
export function englishSentences(text: string, allowed: readonly string[] = []): string[] {
  let rest = text;
  for (const phrase of allowed) rest = rest.split(phrase).join(' ');
  return [...rest.matchAll(SENTENCE)].map((m) => m[0]);
}
