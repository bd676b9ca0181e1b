/**
 * Request validation: one shared Ajv (JSON Schema draft 2020-12) instance that knows every schema in
 * `schemas/` by its `$id`, so the schemas can `$ref` each other and the OpenAPI document can reuse them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { fieldError, type FieldError } from '../errors/index.ts';
import { ERROR_RULE_KEYWORD, pointerSegment, toFieldErrors } from './messages.ts';
import { hasValidUsccCheck, isWellFormedUscc, usccCheckCharacter } from '../uscc/index.ts';

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** The outcome of validating a request body (or part of one). */
export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** A compiled schema: validates a value and reports errors with pointers from the request body root. */
export type Validator<T> = (value: unknown) => ValidationResult<T>;

/** Options for {@link compileSchema}. */
export interface CompileOptions {
  /** JSON pointer of the validated value within the request body, e.g. `/form`; prefixed to every error. */
  pointerPrefix?: string;
  /**
   * Report only errors of these keywords (e.g. `maxLength`): a draft is checked for limits long before it
   * must be complete, so its missing fields are not errors yet.
   */
  onlyKeywords?: ReadonlySet<string>;
}

const SCHEMAS_DIR = new URL('../../schemas/', import.meta.url);

let registry: { ajv: Ajv2020; schemas: Map<string, object> } | undefined;

// Built on first use, not at import, so that importing the module never touches the file system.
function shared(): { ajv: Ajv2020; schemas: Map<string, object> } {
  if (registry) return registry;
  const ajv = new Ajv2020({
    allErrors: true,
    // Error messages need the failing subschema (for its type and `x-error`).
    verbose: true,
    // Plain division misjudges cents (0.07 / 0.01 = 7.000000000000001). A 1e-3 tolerance on the
    // quotient stays exact for sums up to about 10^11 yuan, far beyond any one contract.
    multipleOfPrecision: 3,
  });
  addFormats(ajv, ['date', 'date-time', 'email', 'uri']);
  // Only the shape is enforced: a code whose check character fails is real often enough (typos in
  // old registrations) that it is accepted and flagged by usccWarnings instead.
  ajv.addFormat('uscc', isWellFormedUscc);
  ajv.addKeyword({ keyword: ERROR_RULE_KEYWORD, schemaType: 'object' });

  const schemas = new Map<string, object>();
  for (const file of readdirSync(SCHEMAS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const schema = deepFreeze(JSON.parse(readFileSync(new URL(file, SCHEMAS_DIR), 'utf8')) as object);
    schemas.set(file.slice(0, -'.json'.length), schema);
    // Registered up front so that `$ref`s between files resolve whichever schema is compiled first.
    if (typeof $id(schema) === 'string') ajv.addSchema(schema);
  }
  registry = { ajv, schemas };
  return registry;
}

function $id(schema: object): unknown {
  return (schema as { $id?: unknown }).$id;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * The schema `schemas/<name>.json` (e.g. `construction-permit.form`), parsed once and frozen;
 * `structuredClone` it before changing it (e.g. to embed it in an OpenAPI document).
 * @throws Error when there is no such file.
 */
export function loadSchema(name: string): object {
  const schema = shared().schemas.get(name);
  if (!schema) throw new Error(`no schema named ${JSON.stringify(name)} in ${SCHEMAS_DIR.pathname}`);
  return schema;
}

/**
 * Compiles a JSON Schema (or a schema from {@link loadSchema}) into a {@link Validator}. `T` is what the
 * caller asserts a valid value to be; it is not derived from the schema. Compile once, at module load
 * or first use: Ajv caches by schema object, so compiling a fresh literal on every request leaks.
 */
export function compileSchema<T>(schema: object, options: CompileOptions = {}): Validator<T> {
  const validate = shared().ajv.compile(schema);
  const prefix = options.pointerPrefix ?? '';
  const only = options.onlyKeywords;
  return (value) => {
    if (validate(value)) return { ok: true, value: value as T };
    const errors = (validate.errors ?? []).filter((e) => !only || only.has(e.keyword));
    return errors.length
      ? { ok: false, errors: toFieldErrors(errors, prefix) }
      : { ok: true, value: value as T };
  };
}

/**
 * Warnings for unified social credit codes that are well-formed but whose check character does not
 * compute: every string property named `uscc` at any depth, and a top-level `applicant` string that looks
 * like a USCC. Such codes are accepted; the warning asks the caller to double-check them.
 */
export function usccWarnings(value: unknown, pointerPrefix = ''): FieldError[] {
  const warnings: FieldError[] = [];
  const check = (code: unknown, pointer: string) => {
    if (typeof code === 'string' && isWellFormedUscc(code) && !hasValidUsccCheck(code)) {
      const expected = usccCheckCharacter(code.slice(0, 17));
      warnings.push(fieldError(pointer, 'uscc-check-digit', { expected }));
    }
  };
  if (isPlainObject(value)) check(value.applicant, `${pointerPrefix}/applicant`);
  walk(value, pointerPrefix, check);
  return warnings;
}

function walk(value: unknown, pointer: string, check: (code: unknown, pointer: string) => void): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => walk(item, `${pointer}/${index}`, check));
  } else if (isPlainObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      const childPointer = `${pointer}/${pointerSegment(key)}`;
      if (key === 'uscc') check(child, childPointer);
      else walk(child, childPointer, check);
    }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
