/**
 * The JSON Schema of a workflow's form, as far as the console needs it to draw one field per property, and
 * the conversions between what the inputs hold (text) and what the service takes (JSON).
 */

export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  items?: JsonSchema;
  format?: string;
  default?: unknown;
  examples?: unknown[];
  $ref?: string;
}

/** The OpenAPI document's `components.schemas`: where the form schemas' `$ref`s point. */
export type Components = Record<string, JsonSchema>;

/**
 * The schema `$ref` points to, with the referring schema's own keywords (its description) on top. `unit.json`
 * and `construction-permit.form.json#/properties/useCategory` name files of `schemas/`, which the OpenAPI
 * document publishes under the same names without `.json`.
 */
export function resolve(schema: JsonSchema, components: Components): JsonSchema {
  let current = schema;
  for (let depth = 0; current.$ref && depth < 10; depth++) {
    const { $ref, ...own } = current;
    const [file = '', pointer = ''] = $ref.split('#');
    const name = file ? file.replace(/\.json$/, '') : '';
    const base = file ? components[name] : undefined;
    const target = pointer ? follow(base ?? {}, pointer) : base;
    current = { ...(target ?? {}), ...own };
  }
  return current;
}

function follow(schema: unknown, pointer: string): JsonSchema | undefined {
  let node: unknown = schema;
  for (const part of pointer.split('/').filter(Boolean)) {
    node = (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node as JsonSchema | undefined;
}

/** The schema's main type (`["string","null"]` → `string`). */
export function typeOf(schema: JsonSchema): string | undefined {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type) return type;
  if (schema.properties) return 'object';
  if (schema.enum) return 'string';
  return undefined;
}

/** What the inputs hold: text for numbers and lists (so that typing "-" or "1." is not lost), booleans. */
export type Draft = Record<string, unknown>;

/** The inputs' values for a JSON value (numbers become text, lists one item per line). */
export function toDraft(schema: JsonSchema, value: unknown, components: Components): unknown {
  const s = resolve(schema, components);
  const type = typeOf(s);
  if (value === undefined || value === null) return undefined;
  if (type === 'object' && s.properties && typeof value === 'object') {
    const out: Draft = {};
    for (const [key, child] of Object.entries(s.properties)) {
      out[key] = toDraft(child, (value as Record<string, unknown>)[key], components);
    }
    return out;
  }
  if (type === 'number' || type === 'integer') return String(value);
  if (type === 'array' && Array.isArray(value)) return value.join('\n');
  return value;
}

/**
 * The JSON the service takes, from the inputs: empty fields are left out, numbers are numbers when they read
 * as one (otherwise the text goes as it is and the service says what is wrong: it is the one validator).
 */
export function fromDraft(schema: JsonSchema, draft: unknown, components: Components): unknown {
  const s = resolve(schema, components);
  const type = typeOf(s);
  if (draft === undefined || draft === null || draft === '') return undefined;
  if (type === 'object' && s.properties) {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(s.properties)) {
      const value = fromDraft(child, (draft as Draft)[key], components);
      if (value !== undefined) out[key] = value;
    }
    return Object.keys(out).length ? out : undefined;
  }
  if (type === 'number' || type === 'integer') {
    const text = String(draft).trim();
    if (!text) return undefined;
    const number = Number(text);
    return Number.isFinite(number) ? number : text;
  }
  if (type === 'array') {
    const items = String(draft)
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    return items.length ? items : undefined;
  }
  return draft;
}

/** RFC 7396 merge patch turning `before` into `after` (removed keys become null). */
export function mergePatch(before: unknown, after: unknown): unknown {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(before) || !isObject(after)) return after === undefined ? null : after;
  const patch: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (!(key in after) || after[key] === undefined) {
      if (key in before) patch[key] = null;
    } else if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      patch[key] = mergePatch(before[key], after[key]);
    }
  }
  return patch;
}
