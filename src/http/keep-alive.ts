import type { Server } from 'node:http';

/**
 * How long an idle keep-alive connection stays open: longer than the idle timeout of the proxies a service
 * centre puts in front (nginx's upstream keepalive and cloud load balancers keep 60 s), so that the proxy,
 * not the service, closes an idle connection. With Node's default of 5 s the service closes first, and a
 * request the proxy (or a keep-alive client) sends on that connection at the same moment is reset.
 */
export const KEEP_ALIVE_MS = 65_000;

/** Sets the server's keep-alive timeouts; the header timeout must exceed the keep-alive one (Node's rule). */
export function keepConnectionsAlive(server: Server): Server {
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  return server;
}
