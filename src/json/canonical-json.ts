/**
 * The JSON Canonicalization Scheme (RFC 8785): the one canonical form of a JSON value, so that a hash or a
 * signature over it is the same whoever serialises it. Object members are ordered by their names' UTF-16 code
 * units, numbers are written as ECMAScript writes them, strings with JSON.stringify's escapes (RFC 8785 §3.2.2
 * adopts ECMAScript's serialisation for both), no whitespace. Values JSON cannot carry are refused rather than
 * bent: a number that is not finite, a lone surrogate, anything but plain objects, arrays, strings, numbers,
 * booleans and null. Object members whose value is undefined are left out, as JSON.stringify does.
 */

/** A value that has no canonical JSON form. */
export class CanonicalJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CanonicalJsonError';
  }
}

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The RFC 8785 serialisation of `value`. @throws CanonicalJsonError for a value JSON cannot carry. */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(`${value} is not a JSON number`);
      // ECMAScript's Number serialisation (-0 is written 0), which RFC 8785 §3.2.2.3 prescribes.
      return JSON.stringify(value);
    case 'string':
      return canonicalString(value);
    case 'object':
      break;
    default:
      throw new CanonicalJsonError(`a ${typeof value} has no JSON form`);
  }
  if (Array.isArray(value)) {
    // As JSON.stringify: an undefined element is null (a sparse array's hole too).
    return `[${Array.from(value, (item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    throw new CanonicalJsonError('only plain objects have a canonical JSON form');
  }
  const members = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    // String comparison in JavaScript compares UTF-16 code units: the order RFC 8785 §3.2.3 asks for.
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${members.map(([k, v]) => `${canonicalString(k)}:${canonicalJson(v)}`).join(',')}}`;
}

function canonicalString(text: string): string {
  if (LONE_SURROGATE.test(text)) throw new CanonicalJsonError('a string holds a lone surrogate');
  return JSON.stringify(text);
}
