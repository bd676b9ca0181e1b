/**
 * The facts a partial form leaves open, and the values each could still take, read off the workflow's form
 * schema: every answer of an enum or a yes/no, and for numbers the schema's lowest value, the values the
 * published conditions compare against (and their neighbours) and a large one. The guide tries each in turn
 * to see what depends on it (docs/api.md, "The guide before sign-in").
 */
import type { Checklist } from '../checklist/index.ts';
import type { MaterialCatalog } from '../materials/types.ts';
import { loadSchema } from '../validation/index.ts';

/** A field of the form not given yet, with the values to try for it. */
export interface OpenFact {
  field: string;
  values: unknown[];
}

type Schema = Record<string, unknown>;

const NUMBER_KEYWORDS = ['minimum', 'exclusiveMinimum', 'maximum', 'exclusiveMaximum', 'const', 'enum'];
/** Larger than any threshold a published condition is likely to name, so a "more than" is reached. */
const LARGE = 1_000_000;

/** The fields of `formSchema` that `form` does not give, in the schema's order, each with values to try. */
export function openFacts(
  formSchema: string,
  form: Record<string, unknown>,
  thresholds: ReadonlyMap<string, readonly number[]>,
): OpenFact[] {
  const properties = (loadSchema(formSchema) as Schema).properties as Record<string, Schema>;
  return Object.entries(properties)
    .filter(([field]) => !(field in form))
    .map(([field, schema]) => ({
      field,
      values: valuesOf(resolve(schema), thresholds.get(field) ?? []),
    }))
    .filter((fact) => fact.values.length > 0);
}

/** Numbers each form field is compared against by the checklist's conditions and the catalog's `requiredWhen`. */
export function thresholdsOf(checklist: Checklist, catalog: MaterialCatalog | null): Map<string, number[]> {
  const found = new Map<string, number[]>();
  const add = (field: string, value: unknown) => {
    for (const n of Array.isArray(value) ? value : [value]) {
      if (typeof n === 'number' && Number.isFinite(n)) found.set(field, [...(found.get(field) ?? []), n]);
    }
  };
  for (const item of checklist.inspections)
    if (item.requiredWhen) add(item.requiredWhen.field, item.requiredWhen.value);
  for (const fee of checklist.fees) for (const r of fee.rateWhen ?? []) add(r.when.field, r.when.value);
  const walk = (schema: unknown, field: string | null) => {
    if (!schema || typeof schema !== 'object') return;
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'properties' && value && typeof value === 'object') {
        for (const [name, sub] of Object.entries(value)) walk(sub, name);
      } else if (field && NUMBER_KEYWORDS.includes(key)) add(field, value);
      else walk(value, key === 'items' ? null : field);
    }
  };
  for (const item of catalog?.items ?? []) walk(item.requiredWhen, null);
  return found;
}

/** A property's schema with its `$ref` (to another file of schemas/, or a pointer in one) followed. */
function resolve(schema: Schema): Schema {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  const [file, pointer = ''] = ref.split('#');
  let target: unknown = loadSchema(file!.replace(/\.json$/, ''));
  for (const part of pointer.split('/').filter(Boolean)) target = (target as Schema)[part];
  const { $ref: _ref, ...own } = schema;
  return { ...resolve(target as Schema), ...own };
}

function valuesOf(schema: Schema, thresholds: readonly number[]): unknown[] {
  if (Array.isArray(schema.enum)) return [...schema.enum];
  if ('const' in schema) return [schema.const];
  if (schema.type === 'boolean') return [true, false];
  if (schema.type === 'number' || schema.type === 'integer') return numbers(schema, thresholds);
  // Free text, dates, lists: only "given or not" can matter, tried with the schema's own example.
  return Array.isArray(schema.examples) && schema.examples.length ? [schema.examples[0]] : [];
}

function numbers(schema: Schema, thresholds: readonly number[]): number[] {
  const integer = schema.type === 'integer';
  const step = integer ? 1 : 0.01;
  const low =
    typeof schema.minimum === 'number'
      ? schema.minimum
      : typeof schema.exclusiveMinimum === 'number'
        ? schema.exclusiveMinimum + step
        : 0;
  const high =
    typeof schema.maximum === 'number'
      ? schema.maximum
      : typeof schema.exclusiveMaximum === 'number'
        ? schema.exclusiveMaximum - step
        : Number.MAX_SAFE_INTEGER;
  const candidates = [low, 1, LARGE, ...thresholds.flatMap((t) => [t - step, t, t + step])];
  const fitting = candidates
    .map((n) => (integer ? Math.round(n) : Math.round(n * 100) / 100))
    .filter((n) => n >= low && n <= high);
  return [...new Set(fitting)].sort((a, b) => a - b);
}
