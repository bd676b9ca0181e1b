import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig } from './config.ts';
import type { OutboxMessage } from './engine/outbox.ts';
import { syncCalendar } from './calendar/index.ts';
import { startScheduler } from './engine/scheduler.ts';
import { buildService } from './service.ts';

/**
 * The entry point: reads the configuration, migrates and seeds, listens, runs the scheduler, and shuts down
 * gracefully on SIGINT/SIGTERM (stop accepting, finish requests and the scheduler round, close the database).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const service = await buildService(config);
  const { logger } = service;

  // No notification service is configured yet: outbox messages are delivered to the log.
  const calendarStamps = new Map<number, string>();
  const deliver = async (message: OutboxMessage) => {
    logger.info({ outbox: message }, `outbox ${message.type}`);
  };
  const scheduler = startScheduler({
    db: service.db,
    engine: service.engine,
    deliver,
    intervalMs: config.schedulerIntervalMs,
    logger,
    // A year published through another instance must count here too before the next deadline is set.
    beforeRound: () => syncCalendar(service.db, service.ctx.calendar, calendarStamps),
  });

  const onListening = () => {
    const { address, port } = server.address() as AddressInfo;
    const where =
      config.database.client === 'sqlite'
        ? `SQLite ${config.database.filename}`
        : 'PostgreSQL (DATABASE_URL)';
    logger.info(
      { address, port, database: where, seeded: service.seeded, jwt: service.keys.source },
      `ZeroTrip listening on http://${urlHost(address)}:${port} (${where})`,
    );
    if (service.keys.devSecretPath) {
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
  const server =
    config.host === undefined
      ? service.app.listen(config.port, onListening)
      : service.app.listen(config.port, config.host, onListening);

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

/** The host part of a URL for a listening address: a wildcard as localhost, an IPv6 address in brackets. */
function urlHost(address: string): string {
  if (address === '0.0.0.0' || address === '::') return 'localhost';
  return address.includes(':') ? `[${address}]` : address;
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `configuration error: ${error.message}` : error);
  process.exit(1);
});
