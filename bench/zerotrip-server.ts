/**
 * The real ZeroTrip service for the benchmark, in a process of its own: `buildService(loadConfig(env))` and
 * listen on an ephemeral port of 127.0.0.1, as src/server.ts does. The environment says where the data lives
 * (`DATABASE_URL`), `JWT_SECRET` and `LOG_LEVEL=silent`; `BENCH_BACKGROUND=1` also runs the server's
 * background work (src/background-work.ts: timers, outbox, sweeps), which the soak wants and the measured
 * figures do not (their cases set no timer that falls due).
 * bench/run.ts starts it (with `--expose-gc`, so it can report its memory after a full collection over IPC,
 * its CPU time and its group commit's counts — no route is added to the service); started by hand it just
 * serves:
 *   DATABASE_URL=sqlite:/tmp/zt.db JWT_SECRET=s LOG_LEVEL=silent PORT=3000 node --import tsx bench/zerotrip-server.ts
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { startBackgroundWork } from '../src/background-work.ts';
import { loadConfig } from '../src/config.ts';
import { keepConnectionsAlive } from '../src/http/keep-alive.ts';
import { buildService } from '../src/service.ts';
import { memory, serve } from './lib/child.ts';

const config = loadConfig({ PORT: '0', ...process.env });
const service = await buildService(config, { logger: pino({ level: config.logLevel }) });
const background = process.env.BENCH_BACKGROUND === '1' ? startBackgroundWork(service, config) : null;
const server: Server = await new Promise((resolve, reject) => {
  const listening = service.app.listen(config.port, '127.0.0.1', (error?: Error) =>
    error ? reject(error) : resolve(listening),
  );
});
keepConnectionsAlive(server);
const { port } = server.address() as AddressInfo;
if (!process.send) console.log(`ZeroTrip (bench) listening on http://127.0.0.1:${port}`);

// `cpu`: this process's CPU time so far (user + system, µs), to tell what a round cost the server. `stats`: what
// the engine's group commit has carried so far (batches, events and, on PostgreSQL, statements sent).
const stats = () => ({ ...service.engine.groupCommit?.stats });
serve(
  { port, pid: process.pid },
  { memory: () => memory(), cpu: () => process.cpuUsage(), stats },
  async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await background?.stop();
    await service.close();
  },
);
