/**
 * The JSON Schemas of `schemas/` as OpenAPI components. The request schemas are the very objects that validate
 * requests (`loadSchema`, the same frozen objects `parseBody` compiles); the response schemas come from
 * `schemas/responses/`. Each becomes `components.schemas[<file name without .json>]`, with its `$id` and
 * `$schema` dropped and every `$ref` (relative to its `$id`) rewritten to a pointer into the document, so that
 * the document stands alone.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { loadSchema } from '../validation/index.ts';

/** Where request bodies and shared definitions live; the validator registers the same files. */
const SCHEMAS_DIR = new URL('../../schemas/', import.meta.url);
/** Response bodies: documentation and type generation only, never used to validate requests. */
const RESPONSES_DIR = new URL('../../schemas/responses/', import.meta.url);

/** Where component schemas live in the document. */
export const COMPONENT_SCHEMAS = '#/components/schemas/';

/** One schema file and what it is for. */
export interface SchemaFile {
  /** The component key: the file name without `.json`, e.g. `construction-permit.form`. */
  key: string;
  /** `request`: in `schemas/`, loaded by the validator; `response`: in `schemas/responses/`. */
  kind: 'request' | 'response';
  /** The schema's `$id`, against which its `$ref`s resolve. */
  id: string;
  /** The schema as loaded (for requests, the object `loadSchema` returns; never changed here). */
  schema: Readonly<Record<string, unknown>>;
}

const jsonFiles = (dir: URL) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => entry.name.slice(0, -'.json'.length))
    .sort();

/** Every schema file, requests first; throws on a missing `$id` or two files with the same key. */
export function loadSchemaFiles(): SchemaFile[] {
  const files: SchemaFile[] = [
    ...jsonFiles(SCHEMAS_DIR).map((key) => ({
      key,
      kind: 'request' as const,
      schema: loadSchema(key) as Record<string, unknown>,
    })),
    ...jsonFiles(RESPONSES_DIR).map((key) => ({
      key,
      kind: 'response' as const,
      schema: JSON.parse(readFileSync(new URL(`${key}.json`, RESPONSES_DIR), 'utf8')) as Record<
        string,
        unknown
      >,
    })),
  ].map((file) => {
    if (typeof file.schema.$id !== 'string') throw new Error(`schema ${file.key} has no $id`);
    return { ...file, id: file.schema.$id };
  });
  const seen = new Set<string>();
  for (const { key } of files) {
    if (seen.has(key))
      throw new Error(`two schema files are named ${key}.json (components need unique names)`);
    seen.add(key);
  }
  return files;
}

/**
 * A copy of `file.schema` fit for `components.schemas`: without `$id` and `$schema`, and with each `$ref`
 * resolved against the file's `$id` and pointed at the component of the file it names (`unit.json` becomes
 * `#/components/schemas/unit`, `#/$defs/fee` in checklist.json `#/components/schemas/checklist/$defs/fee`).
 * @throws Error for a `$ref` to a file that is not among `files`, or to an anchor instead of a JSON pointer.
 */
export function toComponent(file: SchemaFile, files: readonly SchemaFile[]): Record<string, unknown> {
  const keyById = new Map(files.map((f) => [f.id, f.key]));
  const rewrite = (node: unknown, root: boolean): unknown => {
    if (Array.isArray(node)) return node.map((item) => rewrite(item, false));
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(node)) {
      if (root && (name === '$id' || name === '$schema')) continue;
      if (name === '$id') throw new Error(`${file.key}: nested $id is not supported in schemas/`);
      out[name] = name === '$ref' && typeof value === 'string' ? componentRef(value) : rewrite(value, false);
    }
    return out;
  };
  const componentRef = (ref: string): string => {
    const target = new URL(ref, file.id);
    // A JSON pointer in a URI fragment; it stays percent-encoded, as the `$ref` it goes into is a URI too.
    const fragment = target.hash.slice(1);
    target.hash = '';
    const key = keyById.get(target.href);
    if (key === undefined) throw new Error(`${file.key}: $ref ${ref} names no file in schemas/`);
    if (fragment !== '' && !fragment.startsWith('/')) {
      throw new Error(`${file.key}: $ref ${ref} uses an anchor; use a JSON pointer`);
    }
    return `${COMPONENT_SCHEMAS}${key}${fragment}`;
  };
  return rewrite(file.schema, true) as Record<string, unknown>;
}
