import { expect } from 'chai';
import { pino } from 'pino';
import { toApplication, toAudit } from '../../src/engine/records.ts';
import { startScheduler } from '../../src/engine/scheduler.ts';
import { fireDueTimers, TIMER_MAX_ATTEMPTS } from '../../src/engine/timers.ts';
import { acceptWithDeficiencies, createPermit, send, SUBMIT } from '../support/cases.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createHarness, type Harness } from '../support/harness.ts';

const MONDAY = '2026-03-02T09:00:00+08:00';
const PLEDGE_DATE = '2026-03-13';
/** The pledge timer's due time: the end of the pledged day in Shanghai. */
const PLEDGE_DUE_AT = '2026-03-13T15:59:59.999Z';
const AFTER_PLEDGE = '2026-03-14T00:00:01+08:00';
const POISON = 101;

/** A case waiting for its pledged papers: one healthy PLEDGE_DUE timer. */
async function pledgedCase(h: Harness): Promise<string> {
  const id = await createPermit(h);
  await send(h, id, SUBMIT);
  await send(h, id, acceptWithDeficiencies(PLEDGE_DATE));
  return id;
}

/**
 * Timers whose event always throws (not a refusal the sweep drops: an incomplete form fails the content
 * check on SUBMIT), all due before the healthy one.
 */
async function poisonTimers(h: Harness, count: number): Promise<string> {
  const id = await createPermit(h, { form: {} });
  const rows = Array.from({ length: count }, (_, i) => ({
    application_id: id,
    timer_key: `poison-${i}`,
    event: JSON.stringify({ type: 'SUBMIT' }),
    due_at: new Date(Date.parse('2026-03-10T00:00:00Z') + i).toISOString(),
    created_at: new Date(MONDAY).toISOString(),
  }));
  for (let i = 0; i < rows.length; i += 50) await h.db.knex('timers').insert(rows.slice(i, i + 50));
  return id;
}

describeEachDatabase('engine/timers retries', function (kind) {
  this.timeout(120_000);
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(kind, MONDAY);
  });
  afterEach(async () => {
    await h?.close();
  });

  it('should fire a healthy timer in the next sweep behind 100+ failing ones, and park those as dead', async () => {
    const healthy = await pledgedCase(h);
    const poisoned = await poisonTimers(h, POISON);
    h.clock.set(AFTER_PLEDGE);

    const first = await fireDueTimers(h.db, h.engine);
    expect(first.fired).to.equal(0);
    expect(first.failed).to.have.length(100);
    expect(first.failed[0]).to.include({ attempts: 1, dead: false });
    expect(first.failed[0].error).to.match(/incomplete or invalid/);

    const second = await fireDueTimers(h.db, h.engine);
    expect(second.fired).to.equal(1);
    expect((await h.engine.load(healthy))!.status).to.equal('suspended');

    // Each failure waits longer before the next attempt; after the last one the timer is parked as dead.
    let sweeps = 0;
    for (;;) {
      const retrying = await h.db.knex('timers').where({ application_id: poisoned }).whereNull('dead_at');
      if (!retrying.length) break;
      if (++sweeps > TIMER_MAX_ATTEMPTS * 2) throw new Error('the failing timers are never parked');
      h.clock.advance({ days: 1 });
      await fireDueTimers(h.db, h.engine);
    }
    const dead = await h.db.knex('timers').where({ application_id: poisoned });
    expect(dead).to.have.length(POISON);
    for (const row of dead) {
      expect(Number(row.attempts)).to.equal(TIMER_MAX_ATTEMPTS);
      expect(row.dead_at).to.be.a('string');
      expect(row.last_error).to.match(/incomplete or invalid/);
    }
    // A dead timer is never tried again, and the draft it belongs to is untouched.
    h.clock.advance({ days: 30 });
    expect((await fireDueTimers(h.db, h.engine)).failed).to.deep.equal([]);
    expect((await h.engine.load(poisoned))!).to.include({ status: 'draft', version: 1 });
  });

  it('should not start the next round at once after a round whose timers all failed', async () => {
    await poisonTimers(h, POISON);
    h.clock.set(AFTER_PLEDGE);
    let rounds = 0;
    const scheduler = startScheduler({
      db: h.db,
      engine: h.engine,
      deliver: async () => {},
      intervalMs: 3_600_000,
      logger: pino({ level: 'silent' }),
      beforeRound: async () => {
        // A scheduler that spins on failing timers would go round and round: stop it with an error.
        if (++rounds > 5) throw new Error('the scheduler spins on failing timers');
      },
    });
    await scheduler.tick();
    await scheduler.stop();
    expect(rounds).to.equal(2);
  });

  it('should record a timer fired three days late at its due time, and count the case from then', async () => {
    const id = await pledgedCase(h);
    // The service was down over the weekend: the sweep runs three days after the pledged day ended.
    h.clock.set(new Date(Date.parse(PLEDGE_DUE_AT) + 3 * 86_400_000));
    expect((await fireDueTimers(h.db, h.engine)).fired).to.equal(1);

    const audit = (await h.db.knex('audit_events').where({ application_id: id }).orderBy('seq')).map((r) =>
      toAudit(r, h.db.dialect),
    );
    expect(audit.at(-1)).to.deep.include({ type: 'PLEDGE_DUE', at: PLEDGE_DUE_AT });
    const app = toApplication(await h.db.knex('applications').where({ id }).first(), h.db.dialect);
    expect(app).to.include({
      status: 'suspended',
      clockStoppedSince: PLEDGE_DUE_AT,
      updatedAt: PLEDGE_DUE_AT,
    });
    // The suspension's own limit runs from the due time too: 15 working days from Saturday 14 March.
    const [lapse] = await h.db.knex('timers').where({ application_id: id });
    expect(lapse.due_at).to.equal('2026-04-03T15:59:59.999Z');
  });
});
