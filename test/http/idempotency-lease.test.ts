import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, randomUUID } from 'node:crypto';
import { expect } from 'chai';
import express from 'express';
import { pino } from 'pino';
import { knexEventStore, migrateLatest } from '../../src/db/index.ts';
import { canonicalJson } from '../../src/json/canonical-json.ts';
import { FixedClock } from '../../src/engine/clock.ts';
import type { SendResult } from '../../src/engine/types.ts';
import { errorHandler } from '../../src/http/errors.ts';
import { Idempotency, type IdempotentWork } from '../../src/http/idempotency.ts';
import { describeEachDatabase, openTestDatabase, type TestDatabase } from '../support/databases.ts';

/** What every request of these tests sends. */
const BODY = { lines: 3 };

/** Past the minute a reservation blocks its key unless its request renews it. */
const PAST_THE_LEASE = { ms: 61_000 };

/** Polls (no fixed sleep) until `done` holds: a renewal runs on a timer of its own. */
async function until(done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('the condition never held');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describeEachDatabase('http/idempotency lease', (kind) => {
  let database: TestDatabase;
  let server: Server;
  let base = '';
  const clock = new FixedClock('2026-03-02T09:00:00+08:00');
  /** The work the route runs next; each test sets its own. */
  let route: IdempotentWork<string>;

  before(async () => {
    database = await openTestDatabase(kind);
    await migrateLatest(database.db.knex);
    // Renewals every few milliseconds, so that the test does not wait for the production interval.
    const idempotency = new Idempotency(database.db, clock, { renewEveryMs: 5 });
    const app = express();
    app.use(express.json());
    app.use((_req, res, next) => {
      res.locals.principal = { sub: 'admin-1', role: 'admin', org: null };
      next();
    });
    app.post('/work', async (req, res) => {
      await idempotency.respond(req, res, route);
    });
    app.use(errorHandler(pino({ level: 'silent' })));
    server = await new Promise((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await database?.close();
  });

  const post = async (key: string) => {
    const response = await fetch(`${base}/work`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(BODY),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as any };
  };
  const keyRow = (key: string) => database.db.knex('idempotency_keys').where({ key }).first();

  /** A gate the first run of the work waits at, and how many runs there were. */
  function gated() {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const state = { runs: 0, open };
    return { state, gate };
  }

  it('should keep the reservation of a request that runs past a minute, and run the work once', async () => {
    const { state, gate } = gated();
    route = {
      work: async () => {
        const run = ++state.runs;
        if (run === 1) await gate;
        return { status: 200, body: { run } };
      },
    };
    const key = randomUUID();
    const first = post(key);
    await until(async () => state.runs === 1); // the first request holds the key and is at work
    clock.advance(PAST_THE_LEASE);
    // The running request renews its lease on its own.
    await until(async () => Date.parse((await keyRow(key)).held_until) > clock.now().getTime());

    const retry = await post(key);
    expect(retry.status).to.equal(409);
    expect(retry.body.type).to.equal('idempotency-key-in-use');
    expect(state.runs).to.equal(1);

    state.open();
    expect((await first).body).to.deep.equal({ run: 1 });
    const replay = await post(key);
    expect(replay.status).to.equal(200);
    expect(replay.headers.get('idempotent-replayed')).to.equal('true');
    expect(replay.body).to.deep.equal({ run: 1 });
    expect(state.runs).to.equal(1);
  });

  it('should free the key of a request whose process died, once its lease has run out', async () => {
    const key = randomUUID();
    const now = clock.now().getTime();
    // What a process leaves behind that reserved the key and died before it could renew or finish.
    await database.db.knex('idempotency_keys').insert({
      iss: '',
      sub: 'admin-1',
      org: '',
      role: 'admin',
      key,
      // The fingerprint of the same request (method, path, canonical body), as the service makes it.
      request_hash: createHash('sha256')
        .update(`POST /work ${canonicalJson(BODY)}`)
        .digest('hex'),
      status: 0,
      holder: randomUUID(),
      held_until: new Date(now + 60_000).toISOString(),
      created_at: new Date(now).toISOString(),
    });
    let runs = 0;
    route = { work: async () => ({ status: 200, body: { run: ++runs } }) };
    expect((await post(key)).status).to.equal(409);
    clock.advance(PAST_THE_LEASE);
    const taken = await post(key);
    expect(taken.status).to.equal(200);
    expect(taken.body).to.deep.equal({ run: 1 });
  });

  it('should not commit the work of a request whose key was taken over after its lease ran out', async () => {
    const { state, gate } = gated();
    const marker = randomUUID();
    route = {
      work: async (commit) => {
        state.runs++;
        await gate;
        // The work's transaction writes a row (here a marker), then completes the key as its last step.
        await database.db.knex.transaction(async (trx) => {
          await trx('idempotency_keys').insert({
            iss: '',
            sub: 'marker',
            org: '',
            role: 'admin',
            key: marker,
            request_hash: '-',
            status: 0,
            created_at: clock.now().toISOString(),
          });
          await commit(() => 'done')!(knexEventStore(trx, database.db.dialect), {} as SendResult);
        });
        return { status: 200, body: { run: state.runs } };
      },
      replay: async (ref) => ({ status: 200, body: { ref } }),
    };
    const key = randomUUID();
    const first = post(key);
    await until(async () => state.runs === 1); // the first request holds the key and is at work
    // Another request took the key over (as after a lapsed lease on a stalled instance).
    await database.db.knex('idempotency_keys').where({ key }).update({ holder: randomUUID() });
    state.open();
    const answer = await first;
    expect(answer.status).to.equal(409);
    expect(answer.body.type).to.equal('idempotency-key-in-use');
    expect(Number((await keyRow(key)).status)).to.equal(0);
    // The work was rolled back with the refused completion.
    expect(await keyRow(marker)).to.equal(undefined);
    expect(state.runs).to.equal(1);
  });
});
