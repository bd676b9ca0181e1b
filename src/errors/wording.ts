/**
 * Putting a code into words: the one function the API (for `detail`) and the console (for what it shows)
 * both call, over the one registry of codes (field-wording.ts, problem-wording.ts).
 */
import { FIELD_SENTENCES, type FieldCode } from './field-wording.ts';
import { PROBLEM_SENTENCES, type ProblemCode } from './problem-wording.ts';
import type { Lang, Names, Sentence, WordParams } from './wording-types.ts';

const same = (value: string) => value;
const NAMES_AS_GIVEN: Required<Names> = { dept: same, event: same, status: same, workflow: same, role: same };

/** Every code, field and problem alike, with its sentences in English and Chinese. */
export const SENTENCES: Readonly<Record<string, Sentence>> = { ...FIELD_SENTENCES, ...PROBLEM_SENTENCES };

/** Whether the registry knows the code. */
export function isKnownCode(code: string): boolean {
  return Object.hasOwn(SENTENCES, code);
}

/**
 * The sentence for a code in a language, with identifiers named by `names` (the console's dictionaries);
 * an unknown code is shown as itself, never as an empty line.
 */
export function word(code: string, params: WordParams = {}, lang: Lang = 'en', names: Names = {}): string {
  const sentence = Object.hasOwn(SENTENCES, code) ? SENTENCES[code] : undefined;
  if (!sentence) return code;
  const named = { ...NAMES_AS_GIVEN, ...names };
  return lang === 'en' ? sentence.en(params, named) : sentence.zh(params, named);
}

/** The language a caller asks for: Chinese when its first choice is Chinese, English otherwise (the default). */
export function langOf(acceptLanguage: string | undefined): Lang {
  return preferredLanguage(acceptLanguage)?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

// RFC 9110 §12.5.4: the tag of highest weight; ties go to the one listed first.
function preferredLanguage(header: string | undefined): string | undefined {
  let best: { tag: string; q: number } | undefined;
  for (const part of (header ?? '').split(',')) {
    const [tag = '', ...rest] = part.trim().split(';');
    if (!tag) continue;
    const qParam = rest.map((r) => r.trim()).find((r) => r.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (Number.isFinite(q) && q > 0 && (!best || q > best.q)) best = { tag: tag.trim(), q };
  }
  return best?.tag;
}

export type { FieldCode, ProblemCode };
