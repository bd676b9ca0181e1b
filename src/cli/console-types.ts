/**
 * `npm run console:types`: the console's API types, generated from the OpenAPI document.
 *
 * `npm run -s openapi | tsx src/cli/console-types.ts src/console/api/types.gen.ts` reads the document on stdin
 * and writes one TypeScript interface per `components.schemas` entry, named after its key
 * (`application-summary` → `ApplicationSummary`). json-schema-to-typescript needs no TypeScript compiler API
 * (TypeScript 7 has none), and Prettier formats the file with the project's own settings.
 */
import { writeFileSync } from 'node:fs';
import { text } from 'node:stream/consumers';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { compile, type JSONSchema } from 'json-schema-to-typescript';
import prettier from 'prettier';

const BANNER = `/**
 * Generated from GET /openapi.json by \`npm run console:types\`; do not edit by hand.
 * One type per components.schemas entry of the OpenAPI document, named after its key.
 */`;

/** `application-summary` → `ApplicationSummary`, `construction-permit.form` → `ConstructionPermitForm`. */
export function typeName(key: string): string {
  return key
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

/** The TypeScript source of the console's API types for an OpenAPI 3.1 document. */
export async function generateApiTypes(document: {
  components?: { schemas?: Record<string, object> };
}): Promise<string> {
  const schemas = document.components?.schemas ?? {};
  const keys = Object.keys(schemas).sort();
  // References into the components become references into the root's $defs; titles become the key's name,
  // so that every component is exported under a name the console can rely on.
  const text = JSON.stringify(schemas).replaceAll('"#/components/schemas/', '"#/$defs/');
  const defs = JSON.parse(text) as Record<string, Record<string, unknown>>;
  for (const key of keys) defs[key] = { ...defs[key], title: typeName(key) };
  const root = {
    title: 'ZeroTripApiSchemas',
    type: 'object',
    additionalProperties: false,
    required: keys,
    properties: Object.fromEntries(keys.map((key) => [key, { $ref: `#/$defs/${key}` }])),
    $defs: defs,
  } as unknown as JSONSchema;
  const source = await compile(root, 'ZeroTripApiSchemas', {
    bannerComment: BANNER,
    additionalProperties: false,
    format: false,
    strictIndexSignatures: true,
    unknownAny: true,
  });
  const options = (await prettier.resolveConfig(path.resolve('src/console/api/types.gen.ts'))) ?? {};
  return prettier.format(source, { ...options, parser: 'typescript' });
}

async function main(argv: string[]): Promise<void> {
  const [target] = argv;
  if (!target) {
    process.stderr.write('usage: npm run -s openapi | tsx src/cli/console-types.ts <output.ts>\n');
    process.exitCode = 2;
    return;
  }
  // Read as a stream: under tsx, stdin may be a non-blocking pipe that readFileSync(0) cannot read.
  const document = JSON.parse(await text(process.stdin));
  writeFileSync(target, await generateApiTypes(document));
  process.stderr.write(`wrote ${target}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(process.argv.slice(2));
}
