/**
 * `npm run -s openapi` prints the OpenAPI 3.1 document (the one `GET /openapi.json` serves) to stdout;
 * `npm run openapi -- <path>` writes it to that file instead. No database and no server are needed, so the
 * console's build can generate its API types from it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { API_ROUTES } from '../app.ts';
import { buildOpenApi } from '../openapi/index.ts';

const USAGE = 'usage: npm run -s openapi [-- <output file>]   (stdout when no file is given)';

function main(argv: string[]): void {
  if (argv.length > 1 || argv[0] === '-h' || argv[0] === '--help') {
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = argv[0] === '-h' || argv[0] === '--help' ? 0 : 2;
    return;
  }
  const text = `${JSON.stringify(buildOpenApi(API_ROUTES).document, null, 2)}\n`;
  const [target] = argv;
  if (target === undefined || target === '-') {
    process.stdout.write(text);
    return;
  }
  const file = path.resolve(target);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  process.stderr.write(`wrote ${file}\n`);
}

main(process.argv.slice(2));
