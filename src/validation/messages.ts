/**
 * Turns ajv's error objects into the `FieldError`s the API returns: a JSON pointer from the request
 * body root and a sentence the caller can act on. Ajv's own messages ("must NOT have fewer than 1
 * characters") are written for schema authors, not for the clerks and integrators who read ours.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import type { FieldError } from '../errors/index.ts';

/**
 * Schema annotation that replaces the detail of every value error raised by that (sub)schema, for
 * rules a generic sentence explains badly (patterns, "1 to 200 characters and not blank"). An `x-`
 * name so that OpenAPI 3.1 carries it as a specification extension.
 */
export const ERROR_DETAIL_KEYWORD = 'x-error-detail';

// Errors of these keywords are about the object's members, so a hint written for the value's
// own constraints does not describe them.
const MEMBER_KEYWORDS = new Set([
  'required',
  'additionalProperties',
  'dependentRequired',
  'unevaluatedProperties',
]);

const FORMAT_DETAILS: Record<string, string> = {
  date: 'must be a date in the form YYYY-MM-DD',
  'date-time': 'must be a date and time with offset, e.g. 2026-03-15T09:30:00+08:00',
  email: 'must be an email address',
  uri: 'must be an absolute URI, e.g. https://example.com/file.pdf',
  uscc: 'must be an 18-character unified social credit code (digits and capital letters except I, O, S, V, Z)',
};

const TYPE_NAMES: Record<string, string> = {
  string: 'text (a JSON string)',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list (a JSON array)',
  null: 'null',
};

/** Escapes one JSON pointer segment (RFC 6901). */
export function pointerSegment(name: string | number): string {
  return String(name).replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Converts ajv errors (from a validator compiled with `verbose: true`) into deduplicated `FieldError`s. */
export function toFieldErrors(errors: readonly ErrorObject[], pointerPrefix = ''): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const error of errors) {
    const fieldError = { pointer: pointerPrefix + pointerOf(error), detail: detailOf(error) };
    // One bad value often breaks several keywords with the same hint ("" fails minLength and pattern).
    const key = `${fieldError.pointer}\u0000${fieldError.detail}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(fieldError);
  }
  return out;
}

// Ajv reports a missing or unexpected member at the object holding it; callers want the member itself.
function pointerOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required' || error.keyword === 'dependentRequired') {
    return `${error.instancePath}/${pointerSegment(String(params.missingProperty))}`;
  }
  if (error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties') {
    const name = params.additionalProperty ?? params.unevaluatedProperty;
    return `${error.instancePath}/${pointerSegment(String(name))}`;
  }
  return error.instancePath;
}

function detailOf(error: ErrorObject): string {
  const parent = error.parentSchema as Record<string, unknown> | undefined;
  const hint = parent?.[ERROR_DETAIL_KEYWORD];
  if (typeof hint === 'string' && !MEMBER_KEYWORDS.has(error.keyword)) return hint;

  const params = error.params as Record<string, unknown>;
  const noun = parent?.type === 'integer' ? 'a whole number' : 'a number';
  switch (error.keyword) {
    case 'required':
    case 'dependentRequired':
      return requiredDetail(parent, String(params.missingProperty));
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return 'is not a known field; remove it or check its spelling';
    case 'type':
      return `must be ${typeList(params.type)}`;
    case 'enum':
      return `must be one of: ${(params.allowedValues as unknown[]).map(display).join(', ')}`;
    case 'const':
      return `must be ${display(params.allowedValue)}`;
    case 'format':
      return FORMAT_DETAILS[String(params.format)] ?? `must be a valid ${String(params.format)}`;
    case 'pattern':
      return `must match the pattern ${String(params.pattern)}`;
    case 'minLength':
      return params.limit === 1
        ? 'must not be empty'
        : `must be at least ${String(params.limit)} characters long`;
    case 'maxLength':
      return `must be at most ${String(params.limit)} characters long`;
    case 'minItems':
      return params.limit === 1 ? 'must not be empty' : `must have at least ${String(params.limit)} entries`;
    case 'maxItems':
      return `must have at most ${String(params.limit)} entries`;
    case 'uniqueItems': {
      const [first, second] = [Number(params.i), Number(params.j)].sort((a, b) => a - b);
      return `must not contain the same entry twice (entries ${first} and ${second}, counting from 0, are equal)`;
    }
    case 'minimum':
      return `must be ${noun} greater than or equal to ${String(params.limit)}`;
    case 'exclusiveMinimum':
      return `must be ${noun} greater than ${String(params.limit)}`;
    case 'maximum':
      return `must be ${noun} less than or equal to ${String(params.limit)}`;
    case 'exclusiveMaximum':
      return `must be ${noun} less than ${String(params.limit)}`;
    case 'multipleOf':
      return multipleOfDetail(Number(params.multipleOf));
    case 'false schema':
      return 'is not allowed here';
    default:
      return error.message ?? 'is not valid';
  }
}

// The missing member's own hint says what to supply ("is required and must state the reasons ...").
function requiredDetail(parent: Record<string, unknown> | undefined, missing: string): string {
  const properties = parent?.properties as Record<string, Record<string, unknown> | undefined> | undefined;
  const hint =
    properties && Object.hasOwn(properties, missing)
      ? properties[missing]?.[ERROR_DETAIL_KEYWORD]
      : undefined;
  return typeof hint === 'string' ? `is required and ${hint}` : 'is required';
}

function typeList(type: unknown): string {
  const types = Array.isArray(type) ? type : String(type).split(',');
  return types.map((t: string) => TYPE_NAMES[t] ?? t).join(' or ');
}

function display(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

// Money and measurements are written as multipleOf 10^-k; say "decimal places", not "multiple of 0.01".
function multipleOfDetail(step: number): string {
  if (step === 1) return 'must be a whole number';
  const places = Math.round(-Math.log10(step));
  if (places > 0 && Number(`1e-${places}`) === step) {
    return `must have at most ${places} decimal place${places === 1 ? '' : 's'}`;
  }
  return `must be a multiple of ${step}`;
}
