/**
 * What a parsed JSON value may not carry into the service, whatever its schema: nesting deeper than the
 * lists and the audit chain can walk back, and text that cannot be stored and hashed as it was sent. A lone
 * UTF-16 surrogate is stored as U+FFFD (so the recomputed hash no longer matches) and PostgreSQL refuses
 * U+0000 in text and jsonb alike.
 */
import { fieldError, word, type FieldError, type WordParams } from '../errors/index.ts';
import { pointerSegment } from './messages.ts';

/** The deepest nesting a JSON value may have: the root object is level 1. */
export const MAX_JSON_DEPTH = 32;

// A high surrogate not followed by a low one, or a low one not preceded by a high one, or NUL.
const UNSAFE_TEXT = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\u0000/;

/** The code of what is wrong with one piece of text, or null when it may be stored and hashed as it is. */
export function textHazard(text: string): 'nul-character' | 'lone-surrogate' | null {
  const match = UNSAFE_TEXT.exec(text);
  if (!match) return null;
  return match[0] === '\u0000' ? 'nul-character' : 'lone-surrogate';
}

/**
 * The first hazard in a parsed JSON value, with its JSON pointer from the value's root (`pointerPrefix`
 * before it): nesting deeper than {@link MAX_JSON_DEPTH}, or a string or member name that
 * {@link textHazard} refuses. Null when there is none. Walks each value once and never below the limit.
 */
export function jsonHazard(value: unknown, pointerPrefix = '', maxDepth = MAX_JSON_DEPTH): FieldError | null {
  // An explicit stack: a value is only walked to the limit, so a hostile depth cannot exhaust the call stack.
  const stack: Array<{ value: unknown; pointer: string; depth: number }> = [
    { value, pointer: pointerPrefix, depth: 1 },
  ];
  while (stack.length > 0) {
    const { value: current, pointer, depth } = stack.pop()!;
    if (typeof current === 'string') {
      const hazard = textHazard(current);
      if (hazard) return fieldError(pointer, hazard);
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth > maxDepth) {
      return fieldError(pointer, 'too-deep', { max: maxDepth });
    }
    const entries: Array<[string, unknown]> = Array.isArray(current)
      ? current.map((item, index) => [String(index), item])
      : Object.entries(current);
    if (!Array.isArray(current)) {
      for (const [key] of entries) {
        const hazard = textHazard(key);
        if (hazard) return fieldError(`${pointer}/${pointerSegment(key)}`, `name-${hazard}`);
      }
    }
    // Pushed in reverse so that members are walked in document order.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!;
      stack.push({ value: child, pointer: `${pointer}/${pointerSegment(key)}`, depth: depth + 1 });
    }
  }
  return null;
}

/** The params of the `json-hazard` refusal of a JSON value, naming it (`the body`, `the line`) when the root is at fault. */
export function hazardParams(hazard: FieldError, what: string): WordParams {
  return { where: hazard.pointer || what, finding: hazard.detail, what, maxDepth: MAX_JSON_DEPTH };
}

/** The English sentence that refuses a JSON value for a hazard. */
export function hazardSentence(hazard: FieldError, what: string): string {
  return word('json-hazard', hazardParams(hazard, what));
}
