import { expect } from 'chai';
import { pino } from 'pino';
import type { OutboxMessage } from '../../src/engine/outbox.ts';
import { startScheduler, type Scheduler } from '../../src/engine/scheduler.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createHarness, type Harness } from '../support/harness.ts';

/** One wait the scheduler asked for: how long, and the callback it would run then. */
interface Wait {
  delay: number;
  run: () => void;
}

/**
 * Hand-made timers for the scheduler alone: its `setTimeout` calls are kept here until the test runs them,
 * while the database drivers' own timers keep the real ones.
 */
class SchedulerTimers {
  readonly waits: Wait[] = [];
  private readonly realSetTimeout = globalThis.setTimeout;
  private readonly realClearTimeout = globalThis.clearTimeout;
  private waiting: Array<() => void> = [];

  install(): void {
    const real = this.realSetTimeout;
    const realClear = this.realClearTimeout;
    const fake = (run: () => void, delay?: number, ...rest: unknown[]) => {
      // Only the scheduler's own waits are held back; the call is recognised by its direct caller (the async
      // part of a stack also names the scheduler when a driver's timer is set during a round's deliveries).
      if (!new Error().stack?.split('\n')[2]?.includes('engine/scheduler.ts'))
        return (real as (...args: unknown[]) => unknown)(run, delay, ...rest);
      const wait: Wait = { delay: delay ?? 0, run };
      this.waits.push(wait);
      for (const wake of this.waiting.splice(0)) wake();
      return wait;
    };
    globalThis.setTimeout = fake as unknown as typeof setTimeout;
    globalThis.clearTimeout = ((handle: unknown) => {
      const i = this.waits.indexOf(handle as Wait);
      if (i >= 0) this.waits.splice(i, 1);
      else realClear(handle as NodeJS.Timeout);
    }) as typeof clearTimeout;
  }

  restore(): void {
    globalThis.setTimeout = this.realSetTimeout;
    globalThis.clearTimeout = this.realClearTimeout;
  }

  /** Resolves with the scheduler's next wait once it asks for one (that is, once its round is over). */
  async next(): Promise<Wait> {
    while (!this.waits.length) await new Promise<void>((resolve) => this.waiting.push(resolve));
    return this.waits[0]!;
  }

  /** Lets the pending wait run out: the scheduler starts its next round. */
  async elapse(): Promise<void> {
    const wait = await this.next();
    this.waits.splice(this.waits.indexOf(wait), 1);
    wait.run();
  }
}

/** Lets pending promise callbacks and I/O run, without moving any clock. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** A promise the test resolves by hand. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describeEachDatabase('engine/scheduler', (kind) => {
  let h: Harness;
  let timers: SchedulerTimers;
  let scheduler: Scheduler | undefined;
  const logger = pino({ level: 'silent' });

  beforeEach(async () => {
    h = await createHarness(kind);
    timers = new SchedulerTimers();
    timers.install();
  });
  afterEach(async () => {
    await scheduler?.stop();
    scheduler = undefined;
    timers.restore();
    await h?.close();
  });

  /** Puts `count` messages in the outbox, due now and tied to no case. */
  async function queueMessages(count: number): Promise<void> {
    const now = h.clock.now().toISOString();
    const rows = Array.from({ length: count }, (_, i) => ({
      application_id: null,
      type: 'notifyApplicant',
      payload: JSON.stringify({ n: i }),
      created_at: now,
      available_at: now,
    }));
    await h.db.knex('outbox').insert(rows);
  }

  function start(options: {
    intervalMs?: number;
    deliver?: (message: OutboxMessage) => Promise<void>;
    beforeRound?: () => Promise<unknown>;
  }): Scheduler {
    scheduler = startScheduler({
      db: h.db,
      engine: h.engine,
      deliver: options.deliver ?? (async () => {}),
      intervalMs: options.intervalMs ?? 1_000,
      logger,
      beforeRound: options.beforeRound,
    });
    return scheduler;
  }

  it('should never start a round while another is running', async () => {
    const first = gate();
    let rounds = 0;
    let active = 0;
    let mostActive = 0;
    const s = start({
      beforeRound: async () => {
        rounds++;
        active++;
        mostActive = Math.max(mostActive, active);
        if (rounds === 1) await first.opened;
        active--;
      },
    });
    await settle();
    expect(rounds).to.equal(1);

    // A tick asked for meanwhile (start-up catch-up, a test) waits for the round in progress.
    const second = s.tick();
    await settle();
    expect(rounds).to.equal(1);

    first.open();
    await second;
    expect(rounds).to.equal(2);
    expect(mostActive).to.equal(1);
  });

  it('should run again at once after a full batch, and wait the interval once the backlog is gone', async () => {
    await queueMessages(250);
    const delivered: number[] = [];
    let rounds = 0;
    start({
      intervalMs: 1_000,
      deliver: async (message) => {
        delivered.push(message.id);
      },
      beforeRound: async () => rounds++,
    });

    const wait = await timers.next();
    // 100, 100, then 50: the third round found less than a batch and the loop rests.
    expect(rounds).to.equal(3);
    expect(delivered).to.have.length(250);
    expect(timers.waits).to.have.length(1);
    expect(wait.delay).to.equal(1_000);
    const [{ n: unsent }] = await h.db.knex('outbox').whereNull('sent_at').count({ n: '*' });
    expect(Number(unsent)).to.equal(0);
  });

  it('should wait twice as long after each failed round, up to a minute, and the interval again after a success', async () => {
    await queueMessages(1);
    let failing = true;
    const delivered: number[] = [];
    start({
      intervalMs: 20_000,
      deliver: async (message) => {
        delivered.push(message.id);
      },
      beforeRound: async () => {
        if (failing) throw new Error('database down');
      },
    });

    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      delays.push((await timers.next()).delay);
      await timers.elapse();
    }
    expect(delays).to.deep.equal([40_000, 60_000, 60_000]);
    expect(delivered).to.deep.equal([]);

    failing = false;
    await timers.elapse();
    expect((await timers.next()).delay).to.equal(20_000);
    expect(delivered).to.have.length(1);
  });

  it('should let stop wait for the round in progress, and start no round after it', async () => {
    await queueMessages(1);
    const held = gate();
    const delivered: number[] = [];
    const s = start({
      deliver: async (message) => {
        delivered.push(message.id);
      },
      beforeRound: () => held.opened,
    });
    await settle();

    let stopped = false;
    const stopping = s.stop().then(() => (stopped = true));
    await settle();
    expect(stopped).to.equal(false);

    held.open();
    await stopping;
    // The round in progress finished its work before stop returned.
    expect(delivered).to.have.length(1);
    await settle();
    expect(timers.waits).to.deep.equal([]);
  });
});
