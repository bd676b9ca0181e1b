import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import jwt from 'jsonwebtoken';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.ts';
import { FixedClock } from '../../src/engine/clock.ts';
import { buildService } from '../../src/service.ts';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import { describeEachDatabase, openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { ENTERPRISE } from '../support/harness.ts';

const MONDAY = '2026-03-02T09:00:00+08:00';
/** Past the minute after which the reservation of a request that never finished stops blocking its key. */
const A_MINUTE_LATER = '2026-03-02T09:01:01+08:00';
const worker = fileURLToPath(new URL('../support/idempotency-crash-worker.ts', import.meta.url));

/** Starts the worker on the database and returns its port and a promise of its exit. */
async function startDyingService(url: string, secret: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', worker, url, MONDAY, secret], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, signal) => resolve(signal)),
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]!).port);
    });
    child.on('exit', (code) => reject(new Error(`the worker exited (${code}) before it listened`)));
  });
  return { port, exited };
}

describeEachDatabase('http/idempotency after a crash', (kind) => {
  let database: TestDatabase;
  let server: Server | undefined;
  const secret = randomBytes(32).toString('hex');
  const token = jwt.sign({ sub: 'ent-user', role: 'applicant', org: ENTERPRISE }, secret, {
    algorithm: 'HS256',
    expiresIn: 3600,
  });

  before(async () => {
    database = await openTestDatabase(kind);
  });
  after(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await database?.close();
  });

  it('should replay, not run again, a create whose process was killed between the commit and the answer', async () => {
    const key = randomUUID();
    const create = (port: number) =>
      fetch(`http://127.0.0.1:${port}/api/v1/applications`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body: JSON.stringify(constructionPermitApplication()),
      });

    const dying = await startDyingService(database.url, secret);
    const lost = await create(dying.port).then(
      (response) => response.status,
      (error: unknown) => error,
    );
    expect(lost).to.be.instanceOf(Error); // the connection dropped: no answer at all
    expect(await dying.exited).to.equal('SIGKILL');
    expect(await database.db.knex('applications').select('id')).to.have.length(1);

    // The retry reaches a service started afresh on the same database, a minute later.
    const service = await buildService(
      loadConfig({ JWT_SECRET: secret, DATABASE_URL: database.url, LOG_LEVEL: 'silent' }),
      { clock: new FixedClock(A_MINUTE_LATER), db: database.db, logger: pino({ level: 'silent' }) },
    );
    server = await new Promise<Server>((resolve) => {
      const listening = service.app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    const retry = await create((server.address() as AddressInfo).port);
    const body = (await retry.json()) as { id: string; applicant: string };
    expect(retry.status).to.equal(201);
    expect(retry.headers.get('idempotent-replayed')).to.equal('true');
    expect(retry.headers.get('location')).to.equal(`/api/v1/applications/${body.id}`);
    expect(body.applicant).to.equal(ENTERPRISE);
    const cases = await database.db.knex('applications').select('id');
    expect(cases.map((c: { id: string }) => c.id)).to.deep.equal([body.id]);
  });
});
