import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { startBackgroundWork } from '../../src/background-work.ts';
import { loadConfig } from '../../src/config.ts';
import type { Scheduler } from '../../src/engine/scheduler.ts';
import { fireDueTimers } from '../../src/engine/timers.ts';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import { ENTERPRISE, OTHER_ENTERPRISE } from '../support/harness.ts';
import { acceptedCase, createDraft, people, startTestService, type TestService } from '../support/http.ts';
import { uploadOk } from '../support/materials.ts';

const MINUTE = 60_000;

/**
 * The server's background work as the server starts it, on a real SQLite file and the service's fixed clock: the
 * loop runs a round every 10 ms of real time, and what each round does is decided by the clock alone. A test
 * waits for a round with `tick` (it resolves once a round that started after the call has ended) or polls the
 * database for the round's effect.
 */
describe('background work', () => {
  let svc: TestService;
  let work: Scheduler | undefined;
  beforeEach(async () => {
    svc = await startTestService('sqlite');
  });
  afterEach(async () => {
    await work?.stop();
    work = undefined;
    await svc?.close();
  });

  /** Starts the work as the server does, and waits for its first round. */
  async function start(): Promise<Scheduler> {
    const config = loadConfig({ JWT_SECRET: svc.secret, SCHEDULER_INTERVAL_MS: '10', LOG_LEVEL: 'silent' });
    work = startBackgroundWork(svc.service, config);
    await work.tick();
    return work;
  }

  /** A delegation the enterprise asks for, whose expiry timer is due at `expiresAt`; its status, read back. */
  async function delegationUntil(expiresAt: string): Promise<() => Promise<string>> {
    const token = svc.token({ sub: 'ent-user', role: 'applicant', org: ENTERPRISE });
    const asked = await svc.request('POST', '/api/v1/delegations', { token, body: { expiresAt } });
    expect(asked.status, JSON.stringify(asked.body)).to.equal(201);
    return async () =>
      (await svc.request('GET', `/api/v1/delegations/${asked.body.id}`, { token })).body.status;
  }

  it('should fire a timer in a round of its own loop once the clock reaches it', async () => {
    const status = await delegationUntil('2026-03-02T10:00:00+08:00');
    await start();
    expect(await status()).to.equal('requested');
    svc.clock.set('2026-03-02T10:00:00+08:00');
    await until(async () => (await status()) === 'expired', 'the delegation expired');
  });

  it('should sweep the due warnings once per ten minutes of the clock', async () => {
    const { knex } = svc.service.db;
    const id = await acceptedCase(
      svc,
      people(svc, ENTERPRISE, OTHER_ENTERPRISE),
      constructionPermitApplication(),
    );
    const [first] = await knex('tasks')
      .where({ application_id: id, status: 'open' })
      .orderBy('due_at')
      .limit(1);
    const warnings = async (code: string) =>
      (await knex('notifications').where({ code }).orderBy('id')).map((row) => String(row.dedupe_key));

    // A minute before the first task is due: the first round warns its clerks that it is due.
    svc.clock.set(new Date(Date.parse(first.due_at) - MINUTE));
    const scheduler = await start();
    expect(await warnings('task-due')).to.include(`task-due:${first.id}:${first.due_at}`);
    expect(await warnings('task-overdue')).to.deep.equal([]);

    // Five minutes on the task is overdue, but the last sweep was five minutes ago: a round tells nobody.
    svc.clock.advance({ ms: 5 * MINUTE });
    await scheduler.tick();
    expect(await warnings('task-overdue')).to.deep.equal([]);

    // Ten minutes after the last sweep, the next round sweeps again.
    svc.clock.advance({ ms: 5 * MINUTE });
    await until(async () => (await warnings('task-overdue')).length > 0, 'the overdue warning');
    expect(await warnings('task-overdue')).to.deep.equal([`task-overdue:${first.id}:${first.due_at}`]);
  });

  it('should remove an unreferenced file a day old once per hour of the clock, and keep a referenced one', async () => {
    const who = people(svc, ENTERPRISE, OTHER_ENTERPRISE);
    const draft = await createDraft(svc, who.applicant, constructionPermitApplication());
    const referenced = String((await uploadOk(svc, who.applicant, draft, 'construction-drawings')).sha256);
    const scheduler = await start();

    const orphan = await storeBlob(svc, 'an upload no material kept');
    // Both stored two days ago by the service's clock (the files' own times are the machine's).
    const twoDaysAgo = new Date(svc.clock.now().getTime() - 2 * 24 * 60 * MINUTE);
    for (const sha256 of [orphan, referenced]) fs.utimesSync(blobFile(svc, sha256), twoDaysAgo, twoDaysAgo);
    const stored = () => svc.service.blobs.storedBefore(new Date(8.64e15));
    expect(await stored()).to.include.members([orphan, referenced]);

    // 59 minutes after the first round's sweep: no sweep yet.
    svc.clock.advance({ ms: 59 * MINUTE });
    await scheduler.tick();
    expect(await stored()).to.include.members([orphan, referenced]);

    svc.clock.advance({ ms: MINUTE });
    await until(async () => !(await stored()).includes(orphan), 'the unreferenced file removed');
    expect(await stored()).to.include(referenced);
  });

  it('should start no round after stop', async () => {
    const status = await delegationUntil('2026-03-02T10:00:00+08:00');
    const scheduler = await start();
    await scheduler.stop();
    svc.clock.set('2026-03-02T10:00:00+08:00');
    // What does not happen shows only by its absence: twenty intervals pass without a round.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await status()).to.equal('requested');
    // The timer was due all along: a round would have fired it.
    expect((await fireDueTimers(svc.service.db, svc.service.engine)).fired).to.equal(1);
    expect(await status()).to.equal('expired');
  });
});

/** Stores `text` as a blob of the service's store, as an upload does before any material names it. */
async function storeBlob(svc: TestService, text: string): Promise<string> {
  const { blobs } = svc.service;
  const data = Buffer.from(`%PDF-1.4 ${text}`);
  const temp = path.join(blobs.tempDir, randomUUID());
  fs.writeFileSync(temp, data);
  const sha256 = createHash('sha256').update(data).digest('hex');
  await blobs.put(temp, sha256, data.length);
  return sha256;
}

/** The file of a blob on SQLite's store: `<root>/blobs/ab/cd/<sha256>`, the temporary folder being `<root>/tmp`. */
function blobFile(svc: TestService, sha256: string): string {
  const root = path.dirname(svc.service.blobs.tempDir);
  return path.join(root, 'blobs', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

/** Polls until `check` holds, for a round of the loop to do its work; fails after five seconds. */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
