/** Node socket errors on the way to PostgreSQL. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

/**
 * PostgreSQL SQLSTATEs: connection exceptions (08…), insufficient resources (53…: disk full, out of memory,
 * too many connections), operator intervention (57P…: shutdown, cannot connect now), a read-only transaction
 * (25006, a standby or `default_transaction_read_only`), and a database that refuses connections (55000 is
 * what `ALLOW_CONNECTIONS false` answers).
 */
const PG_STATES = /^(08|53|57P)|^25006$|^55000$/;

/** node-postgres's message for a connection dropped under a query; it carries no code. */
const DROPPED = /Connection terminated/i;

/**
 * True when an error's `code` or `message` says PostgreSQL cannot be reached or cannot serve: refused or
 * dropped connections, and the SQLSTATEs above.
 */
export function isPostgresUnavailable(code: unknown, message: unknown): boolean {
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code) && PG_STATES.test(code)) return true;
  }
  return typeof message === 'string' && DROPPED.test(message);
}
