import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { loadCalendar } from '../../src/calendar/index.ts';
import { parseDatabaseUrl } from '../../src/config.ts';
import { type Database, groupCommitFor, openDatabase } from '../../src/db/index.ts';
import { FixedClock } from '../../src/engine/clock.ts';
import { Engine } from '../../src/engine/engine.ts';
import { toApplication, toAudit } from '../../src/engine/records.ts';
import { fireDueTimers } from '../../src/engine/timers.ts';
import { createRegistry } from '../../workflows/index.ts';
import { acceptWithDeficiencies, createPermit, send, SUBMIT, timersOf } from '../support/cases.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createHarness, type Harness } from '../support/harness.ts';

const MONDAY = '2026-03-02T09:00:00+08:00';
const PLEDGE_DATE = '2026-03-13';
/** Just after the pledged day ends in Shanghai. */
const AFTER_PLEDGE = '2026-03-14T00:00:01+08:00';

/** A service instance started from scratch on an existing database: new connection, calendar, registry, engine. */
async function restartOn(
  url: string,
  now: string,
): Promise<{ db: Database; engine: Engine; clock: FixedClock }> {
  const db = openDatabase(parseDatabaseUrl(url));
  const calendar = await loadCalendar(db);
  const clock = new FixedClock(now);
  return {
    db,
    clock,
    engine: new Engine({
      db,
      registry: createRegistry(calendar),
      calendar,
      clock,
      groupCommit: groupCommitFor(db),
    }),
  };
}

async function stateOf(db: Database, id: string) {
  const app = toApplication(await db.knex('applications').where({ id }).first(), db.dialect);
  const audit = (await db.knex('audit_events').where({ application_id: id }).orderBy('seq')).map((r) =>
    toAudit(r, db.dialect),
  );
  const timers = await db.knex('timers').where({ application_id: id });
  return { app, audit, timers };
}

describeEachDatabase('engine restart', (kind) => {
  let h: Harness;
  let restarted: Database | undefined;
  beforeEach(async () => {
    h = await createHarness(kind, MONDAY);
  });
  afterEach(async () => {
    await restarted?.knex.destroy();
    restarted = undefined;
    await h?.close();
  });

  it('should fire a pending timer after the service restarts on a new connection', async () => {
    const id = await createPermit(h);
    await send(h, id, SUBMIT);
    await send(h, id, acceptWithDeficiencies(PLEDGE_DATE));
    const [timer] = await timersOf(h, id);
    expect(timer).to.deep.include({ type: 'PLEDGE_DUE', dueAt: '2026-03-13T15:59:59.999Z' });

    // The process goes away: its connections are gone, and nothing of it survives but the database.
    await h.db.knex.destroy();
    const service = await restartOn(h.url, MONDAY);
    restarted = service.db;

    // Before the pledged day ends, nothing fires.
    service.clock.set('2026-03-13T23:00:00+08:00');
    expect(await fireDueTimers(service.db, service.engine)).to.deep.equal({
      fired: 0,
      stale: 0,
      failed: [],
    });

    service.clock.set(AFTER_PLEDGE);
    expect(await fireDueTimers(service.db, service.engine)).to.deep.equal({
      fired: 1,
      stale: 0,
      failed: [],
    });
    const { app, audit, timers } = await stateOf(service.db, id);
    expect(app.status).to.equal('suspended');
    expect(audit.at(-1)).to.deep.include({
      seq: 4,
      type: 'PLEDGE_DUE',
      // Recorded at the statutory time it was due, not when the restarted sweep got to it.
      at: '2026-03-13T15:59:59.999Z',
    });
    expect(audit.at(-1)!.actor.role).to.equal('system');
    // The suspension's own timer is now pending; the pledge timer fired once and is gone.
    expect(timers.map((t) => service.db.dialect.readJson<{ type: string }>(t.event).type)).to.deep.equal([
      'SUSPENSION_LAPSED',
    ]);
    expect((await fireDueTimers(service.db, service.engine)).fired).to.equal(0);
  });

  describe('a process killed in the middle of group commits', () => {
    let child: ChildProcess | undefined;
    afterEach(() => {
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      child = undefined;
    });

    it('should keep every event it answered before SIGKILL, with the rest of its case', async function () {
      // A process of its own starts (tsx, the calendar) before the first event: slow on a busy machine.
      this.timeout(180_000);
      const worker = fileURLToPath(new URL('../support/group-commit-crash-worker.ts', import.meta.url));
      child = spawn(process.execPath, ['--import', 'tsx', worker, h.url, MONDAY], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const proc = child;
      const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
        proc.once('exit', (code, signal) => resolve(signal ?? code)),
      );
      // Killed once 120 events are answered, with the lanes' next events in flight.
      const acknowledged = await new Promise<Array<{ id: string; seq: number; type: string }>>(
        (resolve, reject) => {
          let out = '';
          let err = '';
          proc.stdout!.on('data', (chunk: Buffer) => {
            out += chunk.toString();
            const lines = out.split('\n').slice(0, -1);
            if (lines.length >= 120) {
              proc.kill('SIGKILL');
              resolve(lines.map((l) => JSON.parse(l) as { id: string; seq: number; type: string }));
            }
          });
          proc.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
          proc.once('exit', (code) => reject(new Error(`the worker exited (${code}) early: ${err}`)));
        },
      );
      expect(await exited).to.equal('SIGKILL');

      const service = await restartOn(h.url, MONDAY);
      restarted = service.db;
      for (const { id, seq, type } of acknowledged) {
        const row = await service.db.knex('audit_events').where({ application_id: id, seq }).first('type');
        expect(row?.type, `${type} of ${id} (seq ${seq})`).to.equal(type);
      }
      // Nothing half-written either: each case's row is at the version of its last audit record.
      for (const id of new Set(acknowledged.map((a) => a.id))) {
        const { app, audit } = await stateOf(service.db, id);
        expect(audit.map((a) => a.seq)).to.deep.equal(audit.map((_, i) => i + 1));
        expect(app.version).to.equal(audit.length);
      }
    });
  });

  if (kind === 'sqlite') {
    describe('a killed process', () => {
      let child: ChildProcess | undefined;
      afterEach(() => {
        if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        child = undefined;
      });

      it('should keep the event it committed before SIGKILL, and its timer should still fire', async () => {
        const config = parseDatabaseUrl(h.url);
        expect(config.client).to.equal('sqlite');
        const filename = (config as { filename: string }).filename;
        await h.db.knex.destroy();

        const worker = fileURLToPath(new URL('../support/crash-worker.ts', import.meta.url));
        child = spawn(process.execPath, ['--import', 'tsx', worker, filename, MONDAY, PLEDGE_DATE], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        const proc = child;
        const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
          proc.once('exit', (code, signal) => resolve(signal ?? code)),
        );
        const id = await new Promise<string>((resolve, reject) => {
          let out = '';
          let err = '';
          proc.stdout!.on('data', (chunk: Buffer) => {
            out += chunk.toString();
            const line = out.split('\n').find((l) => l.startsWith('{'));
            if (line && out.includes('\n')) resolve((JSON.parse(line) as { id: string }).id);
          });
          proc.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
          proc.once('exit', (code) =>
            reject(new Error(`the worker exited (${code}) before committing: ${err}`)),
          );
        });

        // The worker has answered, which means committed; now it dies without closing anything.
        proc.kill('SIGKILL');
        expect(await exited).to.equal('SIGKILL');

        const service = await restartOn(h.url, MONDAY);
        restarted = service.db;
        const before = await stateOf(service.db, id);
        expect(before.app.status).to.equal('in_review');
        expect(before.audit.map((a) => a.type)).to.deep.equal([
          'CREATE',
          'SUBMIT',
          'ACCEPT_WITH_DEFICIENCIES',
        ]);
        expect(before.audit.at(-1)!.data).to.deep.equal({
          items: ['land-survey-report'],
          pledgeDate: PLEDGE_DATE,
        });
        expect(before.timers).to.have.length(1);

        service.clock.set(AFTER_PLEDGE);
        expect((await fireDueTimers(service.db, service.engine)).fired).to.equal(1);
        const after = await stateOf(service.db, id);
        expect(after.app.status).to.equal('suspended');
        expect(after.audit.map((a) => a.seq)).to.deep.equal([1, 2, 3, 4]);
      });
    });
  }
});
