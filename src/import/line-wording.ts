import { word, type Lang } from '../errors/index.ts';
import type { LineResult } from './replay.ts';

/**
 * A line's answer in the caller's language: a refusal's `detail` (and its field errors') worded from its code
 * for a Chinese caller, with which event it was; English answers keep their full particulars as they are.
 */
export function lineInLanguage(line: LineResult, lang: Lang): LineResult {
  if (lang === 'en' || line.ok || !line.error.code) return line;
  const { error } = line;
  const event = /^\/events\/(\d+)/.exec(error.pointer ?? '');
  const where = event ? `第 ${Number(event[1]) + 1} 个事件：` : '';
  return {
    ...line,
    error: {
      ...error,
      detail: where + word(error.code!, error.params, lang),
      ...(error.errors
        ? { errors: error.errors.map((e) => ({ ...e, detail: word(e.code, e.params, lang) })) }
        : {}),
    },
  };
}
