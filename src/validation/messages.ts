/**
 * Turns ajv's error objects into the `FieldError`s the API returns: a JSON pointer from the request
 * body root, the code of the rule broken and its figures (`too-long`, `{max: 200}`), and the sentence. Ajv's own messages ("must NOT have fewer than 1
 * characters") are written for schema authors, not for the clerks and integrators who read ours.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import { fieldError, type FieldCode, type FieldError, type WordParams } from '../errors/index.ts';

/**
 * Schema annotation naming the rule (a code of src/errors/field-wording.ts, with its params) that replaces the
 * code of every value error raised by that (sub)schema, for rules a generic code explains badly (patterns,
 * "1 to 200 characters and not blank"): `"x-error": {"code": "text-not-blank", "params": {"max": 200}}`. An
 * `x-` name so that OpenAPI 3.1 carries it as a specification extension.
 */
export const ERROR_RULE_KEYWORD = 'x-error';

// Errors of these keywords are about the object's members, so a rule written for the value's
// own constraints does not describe them.
const MEMBER_KEYWORDS = new Set([
  'required',
  'additionalProperties',
  'dependentRequired',
  'unevaluatedProperties',
]);

const FORMAT_CODES: Record<string, FieldCode> = {
  date: 'not-a-date',
  'date-time': 'not-a-date-time',
  email: 'not-an-email',
  uri: 'not-a-uri',
  uscc: 'not-a-uscc',
};

type Finding = { code: FieldCode; params?: WordParams };

/** Escapes one JSON pointer segment (RFC 6901). */
export function pointerSegment(name: string | number): string {
  return String(name).replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Converts ajv errors (from a validator compiled with `verbose: true`) into deduplicated `FieldError`s. */
export function toFieldErrors(errors: readonly ErrorObject[], pointerPrefix = ''): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const error of errors) {
    const finding = findingOf(error);
    const found = fieldError(pointerPrefix + pointerOf(error), finding.code, finding.params);
    // One bad value often breaks several keywords with the same rule ("" fails minLength and pattern).
    const key = `${found.pointer}\u0000${found.detail}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(found);
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

function ruleOf(schema: Record<string, unknown> | undefined): Finding | undefined {
  const rule = schema?.[ERROR_RULE_KEYWORD] as { code?: string; params?: WordParams } | undefined;
  return typeof rule?.code === 'string' ? { code: rule.code as FieldCode, params: rule.params } : undefined;
}

function findingOf(error: ErrorObject): Finding {
  const parent = error.parentSchema as Record<string, unknown> | undefined;
  const rule = ruleOf(parent);
  if (rule && !MEMBER_KEYWORDS.has(error.keyword)) return rule;

  const params = error.params as Record<string, unknown>;
  const integer = parent?.type === 'integer';
  switch (error.keyword) {
    case 'required':
    case 'dependentRequired':
      return requiredFinding(parent, String(params.missingProperty));
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return { code: 'unknown-field' };
    case 'type':
      return { code: 'wrong-type', params: { types: typeList(params.type) } };
    case 'enum':
      return { code: 'not-one-of', params: { allowed: (params.allowedValues as unknown[]).map(display) } };
    case 'const':
      return { code: 'not-equal', params: { allowed: display(params.allowedValue) } };
    case 'format':
      return FORMAT_CODES[String(params.format)]
        ? { code: FORMAT_CODES[String(params.format)]! }
        : { code: 'bad-format', params: { format: String(params.format) } };
    case 'pattern':
      return { code: 'bad-pattern', params: { pattern: String(params.pattern) } };
    case 'minLength':
      return params.limit === 1
        ? { code: 'empty' }
        : { code: 'too-short', params: { min: Number(params.limit) } };
    case 'maxLength':
      return { code: 'too-long', params: { max: Number(params.limit) } };
    case 'minItems':
      return params.limit === 1
        ? { code: 'empty' }
        : { code: 'too-few-items', params: { min: Number(params.limit) } };
    case 'maxItems':
      return { code: 'too-many-items', params: { max: Number(params.limit) } };
    case 'uniqueItems': {
      const [first, second] = [Number(params.i), Number(params.j)].sort((a, b) => a - b);
      return { code: 'duplicate-items', params: { first, second } };
    }
    case 'minimum':
      return { code: 'too-small', params: { min: Number(params.limit), integer } };
    case 'exclusiveMinimum':
      return { code: 'not-above', params: { min: Number(params.limit), integer } };
    case 'maximum':
      return { code: 'too-large', params: { max: Number(params.limit), integer } };
    case 'exclusiveMaximum':
      return { code: 'not-below', params: { max: Number(params.limit), integer } };
    case 'multipleOf':
      return multipleOfFinding(Number(params.multipleOf));
    case 'false schema':
      return { code: 'not-allowed' };
    default:
      return { code: 'invalid', params: { keyword: error.keyword } };
  }
}

// The missing member's own rule says what to supply ("is required and must state the reasons ...").
function requiredFinding(parent: Record<string, unknown> | undefined, missing: string): Finding {
  const properties = parent?.properties as Record<string, Record<string, unknown> | undefined> | undefined;
  const rule = properties && Object.hasOwn(properties, missing) ? ruleOf(properties[missing]) : undefined;
  return rule ? { code: 'required', params: { rule: rule.code, ...rule.params } } : { code: 'required' };
}

function typeList(type: unknown): string[] {
  return Array.isArray(type) ? type.map(String) : String(type).split(',');
}

function display(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

// Money and measurements are written as multipleOf 10^-k; say "decimal places", not "multiple of 0.01".
function multipleOfFinding(step: number): Finding {
  if (step === 1) return { code: 'not-whole' };
  const places = Math.round(-Math.log10(step));
  if (places > 0 && Number(`1e-${places}`) === step) return { code: 'too-many-decimals', params: { places } };
  return { code: 'not-a-multiple', params: { step } };
}
