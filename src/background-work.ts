import type { Config } from './config.ts';
import { syncCalendar } from './calendar/index.ts';
import type { OutboxMessage } from './engine/outbox.ts';
import { startScheduler, type Scheduler } from './engine/scheduler.ts';
import { EXCHANGE_SETTLE_MS, queueExchangeBatch, spglDeliverer } from './exchange/index.ts';
import { licenceReportDeliverer } from './licences/index.ts';
import { sweepBlobs } from './materials/index.ts';
import { NOTIFICATION_OUTBOX_TYPE, sweepDueWarnings, webhookDeliverer } from './notifications/index.ts';
import { recordDefaultRatings } from './ratings/index.ts';
import type { Service } from './service.ts';
import { loadSupervisionRules, sweepLights } from './task-forces/index.ts';
import { recomputePendingYears } from './timing/recompute.ts';

/** How often the scheduler looks for material files no case references any more. */
const BLOB_SWEEP_INTERVAL_MS = 60 * 60 * 1000;
/** The due warnings are idempotent by key; every ten minutes is soon enough for deadlines counted in days. */
const DUE_WARNING_INTERVAL_MS = 10 * 60_000;

/**
 * Starts what the service does besides answering requests, in one scheduler loop: due timers and the outbox
 * (webhooks, licence reports, the national exchange), the calendar kept in step with other instances, figures
 * recomputed for a newly published year, due warnings, project lights, default ratings, the sweep of
 * unreferenced files and the exchange's batches. The server runs it; so does the benchmark's soak, so that a
 * long run covers this work too.
 */
export function startBackgroundWork(service: Service, config: Config): Scheduler {
  const { logger } = service;
  // Every "now" below is the engine's clock: the system clock on the server, a fixed one in tests, so that one
  // clock decides what is due, what is swept and when.
  const { clock } = service.engine;
  // Messages go to NOTIFY_WEBHOOK_URL when one is configured, licence reports to the provincial platform
  // (LICENCE_REPORT_URL); anything else in the outbox to the log.
  const calendarStamps = new Map<number, string>();
  const webhook = config.webhook ? webhookDeliverer(config.webhook) : null;
  const reportLicence = licenceReportDeliverer(config.licences.reportUrl);
  const pushExchange = spglDeliverer(service.db, config.exchange.pushUrl, { now: () => clock.now() });
  let lastBlobSweep = 0;
  let lastExchangeBatch = 0;
  const deliver = async (message: OutboxMessage) => {
    if (webhook && message.type === NOTIFICATION_OUTBOX_TYPE) return webhook(message);
    if (await reportLicence(message)) return;
    if (await pushExchange(message)) return;
    logger.info({ outbox: message }, `outbox ${message.type}`);
  };
  let lastWarnings = 0;
  const supervision = loadSupervisionRules();
  let lastDefaultRatings = 0;
  const scheduler = startScheduler({
    db: service.db,
    engine: service.engine,
    deliver,
    intervalMs: config.schedulerIntervalMs,
    logger,
    // A year published through another instance must count here too before the next deadline is set; then
    // the figures of a year published since the last round are recomputed (outside any request).
    beforeRound: async () => {
      await syncCalendar(service.db, service.ctx.calendar, calendarStamps);
      const now = clock.now();
      const years = await recomputePendingYears(service.db, service.ctx.registry, service.ctx.calendar, now);
      for (const year of years) logger.info(year, `figures recomputed for the ${year.year} calendar`);
      if (now.getTime() - lastWarnings >= DUE_WARNING_INTERVAL_MS) {
        const warnings = await sweepDueWarnings(
          {
            db: service.db,
            calendar: service.ctx.calendar,
            registry: service.ctx.registry,
            webhook: !!webhook,
          },
          now,
        );
        lastWarnings = now.getTime();
        if (warnings.created) logger.info(warnings, 'due warnings created');
        // Key projects' lights: a change is stored (and told) once; the same day again changes nothing.
        const lights = await sweepLights(
          { db: service.db, rules: supervision.lights, webhook: !!webhook },
          now,
        );
        if (lights.changed.length) logger.info(lights, 'project lights changed');
      }
      // Default ratings (RATING_DEFAULT_AFTER_DAYS) are counted in days: with the due warnings is soon enough.
      if (now.getTime() - lastDefaultRatings >= DUE_WARNING_INTERVAL_MS) {
        lastDefaultRatings = now.getTime();
        const defaults = await recordDefaultRatings(service.db, service.ctx.registry, config.ratings, now);
        if (defaults.recorded) logger.info(defaults, 'default ratings recorded');
      }
      // Unreferenced files are kept a day; looking once an hour is enough to honour that.
      if (now.getTime() - lastBlobSweep >= BLOB_SWEEP_INTERVAL_MS) {
        lastBlobSweep = now.getTime();
        const swept = await sweepBlobs(service.db, service.blobs, now);
        if (swept.removed) logger.info(swept, 'unreferenced material files removed');
      }
      // The national exchange: one batch per interval, only where a provincial platform is configured.
      if (config.exchange.pushUrl && now.getTime() - lastExchangeBatch >= config.exchange.pushIntervalMs) {
        lastExchangeBatch = now.getTime();
        const { batchSize } = config.exchange;
        const round = await queueExchangeBatch(service.db, now, {
          batchSize,
          settleMs: EXCHANGE_SETTLE_MS,
        });
        if (round.queued) logger.info(round, 'exchange records queued for the provincial platform');
      }
    },
    outboxMaxAttempts: config.outboxMaxAttempts,
  });
  return scheduler;
}
