import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig } from './config.ts';
import { describeDatabaseError, isDatabaseUnavailable } from './db/index.ts';
import { buildService } from './service.ts';
import { startBackgroundWork } from './background-work.ts';
import { keepConnectionsAlive } from './http/keep-alive.ts';

/**
 * The entry point: reads the configuration, migrates and seeds, listens, runs the scheduler, and shuts down
 * gracefully on SIGINT/SIGTERM (stop accepting, finish requests and the scheduler round, close the database).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const service = await buildService(config);
  const { logger } = service;

  const scheduler = startBackgroundWork(service, config);

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
