import type { FieldCode } from './field-wording.ts';
import { word } from './wording.ts';
import type { WordParams } from './wording-types.ts';

/**
 * One validation finding: a JSON pointer from the request body root, the code of the rule broken there and
 * its figures (`{pointer: '/project/name', code: 'too-long', params: {max: 200}}`), and the sentence in the
 * answer's language (`detail`; English unless the caller asked for Chinese).
 */
export interface FieldError {
  pointer: string;
  code: string;
  params?: WordParams;
  detail: string;
}

/** A field error worded in English; the error middleware re-words it when the caller asks for Chinese. */
export function fieldError(pointer: string, code: FieldCode, params?: WordParams): FieldError {
  return { pointer, code, ...(params ? { params } : {}), detail: word(code, params) };
}
