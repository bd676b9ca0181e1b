/**
 * A service process killed between committing a request's work and answering it
 * (test/http/idempotency-crash.test.ts).
 *
 * Usage: node --import tsx test/support/idempotency-crash-worker.ts <database url> <now ISO> <JWT secret>
 * Builds the real service on the (shared) database, listens on an ephemeral port and prints `{"port": …}`.
 * The first case created through it is committed, and then the process kills itself (SIGKILL) before it
 * can store or send the answer: no error handler, no `finally`, nothing runs after the commit.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.ts';
import { FixedClock } from '../../src/engine/clock.ts';
import { buildService } from '../../src/service.ts';

const [url, now, secret] = process.argv.slice(2);
if (!url || !now || !secret) {
  console.error('usage: idempotency-crash-worker.ts <database url> <now ISO> <JWT secret>');
  process.exit(2);
}

const service = await buildService(
  loadConfig({
    JWT_SECRET: secret,
    DATABASE_URL: url,
    LOG_LEVEL: 'silent',
    DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'zt-crash-')),
  }),
  { clock: new FixedClock(now), logger: pino({ level: 'silent' }) },
);
const engine = service.engine as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
const create = engine.create!.bind(service.engine);
engine.create = async (...args: unknown[]) => {
  await create(...args);
  process.kill(process.pid, 'SIGKILL');
  return new Promise(() => {});
};
const server = service.app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
