import type { Logger } from 'pino';
import type { Database } from '../db/index.ts';
import type { Engine } from './engine.ts';
import { dispatchOutbox, type Deliver } from './outbox.ts';
import { fireDueTimers } from './timers.ts';

/** A running scheduler; `stop` waits for the round in progress. */
export interface Scheduler {
  stop(): Promise<void>;
  /** Runs one round now (tests and the start-up catch-up use it). */
  tick(): Promise<void>;
}

/**
 * One loop per process: fires due timers, then sends the outbox. Rounds never overlap; a round that finds a
 * full batch runs again at once, so a backlog after downtime drains quickly.
 */
export function startScheduler(options: {
  db: Database;
  engine: Engine;
  deliver: Deliver;
  intervalMs: number;
  logger: Logger;
  /** Runs first in every round (the server keeps the in-memory calendar in step with the database). */
  beforeRound?: () => Promise<unknown>;
  /** Failed deliveries before an outbox message is parked as dead (`OUTBOX_MAX_ATTEMPTS`). */
  outboxMaxAttempts?: number;
}): Scheduler {
  const { db, engine, deliver, intervalMs, logger, beforeRound, outboxMaxAttempts } = options;
  const batch = 100;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  // Rounds that failed in a row (the database down): the next one waits longer, up to a minute.
  let failedRounds = 0;

  const round = async (): Promise<boolean> => {
    await beforeRound?.();
    const timers = await fireDueTimers(db, engine, batch);
    for (const failure of timers.failed) {
      if (failure.dead) logger.error(failure, 'timer failed for the last time; parked as dead');
      else logger.warn(failure, 'timer failed; it is retried later');
    }
    if (timers.fired || timers.stale)
      logger.info({ fired: timers.fired, stale: timers.stale }, 'timers fired');
    const outbox = await dispatchOutbox(db, engine.clock, deliver, batch, { maxAttempts: outboxMaxAttempts });
    if (outbox.dead)
      logger.error({ dead: outbox.dead }, 'outbox messages failed for the last time; parked as dead');
    // Only progress makes the next round start at once: failures wait for their retry time and the interval.
    return timers.fired + timers.stale >= batch || outbox.sent >= batch;
  };

  const tick = (): Promise<void> => {
    running = running.then(async () => {
      try {
        while ((await round()) && !stopped);
        failedRounds = 0;
      } catch (error) {
        failedRounds++;
        logger.error({ err: error }, 'scheduler round failed');
      }
    });
    return running;
  };

  const loop = () => {
    if (stopped) return;
    void tick().then(() => {
      if (!stopped) timer = setTimeout(loop, Math.min(60_000, intervalMs * 2 ** Math.min(failedRounds, 10)));
    });
  };
  loop();

  return {
    tick,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
