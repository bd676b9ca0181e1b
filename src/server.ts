import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig } from './config.ts';
import type { OutboxMessage } from './engine/outbox.ts';
import { syncCalendar } from './calendar/index.ts';
import { describeDatabaseError, isDatabaseUnavailable } from './db/index.ts';
import { startScheduler } from './engine/scheduler.ts';
import { recomputePendingYears } from './timing/recompute.ts';
import { buildService } from './service.ts';
import { keepConnectionsAlive } from './http/keep-alive.ts';
import { NOTIFICATION_OUTBOX_TYPE, sweepDueWarnings, webhookDeliverer } from './notifications/index.ts';
import { loadSupervisionRules, sweepLights } from './task-forces/index.ts';
import { sweepBlobs } from './materials/index.ts';
import { licenceReportDeliverer } from './licences/index.ts';
import { EXCHANGE_SETTLE_MS, queueExchangeBatch, spglDeliverer } from './exchange/index.ts';
import { recordDefaultRatings } from './ratings/index.ts';

/** How often the scheduler looks for material files no case references any more. */
const BLOB_SWEEP_INTERVAL_MS = 60 * 60 * 1000;

/**
 * The entry point: reads the configuration, migrates and seeds, listens, runs the scheduler, and shuts down
 * gracefully on SIGINT/SIGTERM (stop accepting, finish requests and the scheduler round, close the database).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const service = await buildService(config);
  const { logger } = service;

  // Messages go to NOTIFY_WEBHOOK_URL when one is configured, licence reports to the provincial platform
  // (LICENCE_REPORT_URL); anything else in the outbox to the log.
  const calendarStamps = new Map<number, string>();
  const webhook = config.webhook ? webhookDeliverer(config.webhook) : null;
  const reportLicence = licenceReportDeliverer(config.licences.reportUrl);
  const pushExchange = spglDeliverer(service.db, config.exchange.pushUrl);
  let lastBlobSweep = 0;
  let lastExchangeBatch = 0;
  const deliver = async (message: OutboxMessage) => {
    if (webhook && message.type === NOTIFICATION_OUTBOX_TYPE) return webhook(message);
    if (await reportLicence(message)) return;
    if (await pushExchange(message)) return;
    logger.info({ outbox: message }, `outbox ${message.type}`);
  };
  // The due warnings are idempotent by key; every ten minutes is soon enough for deadlines counted in days.
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
      const years = await recomputePendingYears(
        service.db,
        service.ctx.registry,
        service.ctx.calendar,
        new Date(),
      );
      for (const year of years) logger.info(year, `figures recomputed for the ${year.year} calendar`);
      const now = service.engine.clock.now();
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
      if (Date.now() - lastBlobSweep >= BLOB_SWEEP_INTERVAL_MS) {
        lastBlobSweep = Date.now();
        const swept = await sweepBlobs(service.db, service.blobs, new Date());
        if (swept.removed) logger.info(swept, 'unreferenced material files removed');
      }
      // The national exchange: one batch per interval, only where a provincial platform is configured.
      if (config.exchange.pushUrl && Date.now() - lastExchangeBatch >= config.exchange.pushIntervalMs) {
        lastExchangeBatch = Date.now();
        const { batchSize } = config.exchange;
        const round = await queueExchangeBatch(service.db, new Date(), {
          batchSize,
          settleMs: EXCHANGE_SETTLE_MS,
        });
        if (round.queued) logger.info(round, 'exchange records queued for the provincial platform');
      }
    },
    outboxMaxAttempts: config.outboxMaxAttempts,
  });

  const onListening = (error?: Error) => {
    if (error) {
      // One line an operator can act on (not a stack): which port, and why.
      console.error(listenFailure(error, config.port));
      void scheduler
        .stop()
        .then(() => service.close())
        .finally(() => process.exit(1));
      return;
    }
    const { address, port } = server.address() as AddressInfo;
    const where =
      config.database.client === 'sqlite'
        ? `SQLite ${config.database.filename}`
        : 'PostgreSQL (DATABASE_URL)';
    logger.info(
      {
        address,
        port,
        database: where,
        seeded: service.seeded,
        jwt: service.keys?.source ?? `OIDC ${config.oidc?.issuer}`,
      },
      `ZeroTrip listening on http://${urlHost(address)}:${port} (${where})`,
    );
    if (service.keys?.devSecretPath) {
      logger.info(
        `development JWT secret ${service.keys.devSecretCreated ? 'created' : 'kept'} at ${service.keys.devSecretPath}; ` +
          'get a token with: npm run -s token -- --role applicant --org 91310115591693856A',
      );
      // HOST chose to open the development sign-in (a token for anyone who asks) to the network.
      if (!/^(127\.|::1$|::ffff:127\.|localhost$)/.test(address)) {
        logger.warn(
          `the development sign-in is reachable from the network on ${address}: configure JWT_SECRET or ` +
            'JWT_PUBLIC_KEY, or unset HOST to listen on 127.0.0.1 only',
        );
      }
    }
  };
  // Without HOST, every interface (Node's default).
  const server = keepConnectionsAlive(
    config.host === undefined
      ? service.app.listen(config.port, onListening)
      : service.app.listen(config.port, config.host, onListening),
  );

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    server.close(async () => {
      await scheduler.stop();
      await service.close();
      logger.info('stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
    // Requests that hang must not keep the process alive forever.
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

const DUE_WARNING_INTERVAL_MS = 10 * 60_000;

/** The host part of a URL for a listening address: a wildcard as localhost, an IPv6 address in brackets. */
function urlHost(address: string): string {
  if (address === '0.0.0.0' || address === '::') return 'localhost';
  return address.includes(':') ? `[${address}]` : address;
}

/** Why the server could not listen, naming the port. */
function listenFailure(error: Error, port: number): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE')
    return `cannot listen on port ${port}: it is already in use (EADDRINUSE); stop the other process or set PORT to a free port`;
  if (code === 'EACCES')
    return `cannot listen on port ${port}: permission denied (EACCES); use a port above 1023 or set PORT`;
  return `cannot listen on port ${port}: ${error.message}`;
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`configuration error: ${error.message}`);
  else if (isDatabaseUnavailable(error)) {
    console.error(
      `cannot start: the database is not available (${describeDatabaseError(error)}); check DATABASE_URL and that the database is running`,
    );
  } else console.error(error);
  process.exit(1);
});
