import fs from 'node:fs';
import readline from 'node:readline';
import { pino } from 'pino';
import { loadConfig } from '../config.ts';
import { importLines } from '../import/index.ts';
import { buildService } from '../service.ts';

/**
 * `npm run import -- file.ndjson`: imports past cases into the configured database with the function the admin
 * route uses. Stdout carries the same NDJSON answer lines as the route, stderr the log and a summary; the exit
 * code is 1 when any line was refused, so that a script notices.
 */
const file = process.argv[2];
if (!file || process.argv.length > 3) {
  console.error('usage: npm run import -- FILE.ndjson   (one historical application per line)');
  process.exit(2);
}

const config = loadConfig();
// Stdout is for the answer lines only: the log goes to stderr.
const logger = pino({ level: config.logLevel }, pino.destination(2));
const service = await buildService(config, { logger });
let imported = 0;
let refused = 0;
try {
  const input = fs.createReadStream(file, 'utf8');
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  for await (const result of importLines({ db: service.db, engine: service.engine, logger }, lines)) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    if (result.ok) imported++;
    else refused++;
  }
  console.error(`${file}: ${imported} imported, ${refused} refused, ${imported + refused} lines read`);
  process.exitCode = refused ? 1 : 0;
} catch (error) {
  console.error(`${file}: import stopped: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await service.close();
}
