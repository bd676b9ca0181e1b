/**
 * Errors that mean "the database cannot serve us right now" rather than "this request is wrong" or "the code
 * is wrong": the server is down or refuses connections, the pool timed out, the file is locked, read-only,
 * full or failing. Callers answer 503 with Retry-After (HTTP), or stop with one clear line (start-up).
 */

/** Seconds a client or load balancer should wait before trying again (the `Retry-After` of a 503). */
export const RETRY_AFTER_SECONDS = 5;

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

/** SQLite result codes (better-sqlite3 puts the extended code in `code`, e.g. SQLITE_IOERR_WRITE). */
const SQLITE_CODES = /^SQLITE_(BUSY|LOCKED|READONLY|FULL|IOERR|CANTOPEN|PROTOCOL)/;

/** Messages of errors that carry no code (pg's dropped connection, knex's pool). */
const MESSAGES = /Connection terminated|Timeout acquiring a connection|Unable to acquire a connection/i;

/** True when the error says the database is unavailable, not that the request or the code is wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { code, name, message } = error as { code?: unknown; name?: unknown; message?: unknown };
  if (name === 'KnexTimeoutError') return true;
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || SQLITE_CODES.test(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code) && PG_STATES.test(code)) return true;
  }
  if (typeof message === 'string' && MESSAGES.test(message)) return true;
  // AggregateError (a host name resolving to several addresses, all refused) keeps the causes in `errors`.
  const nested = (error as { errors?: unknown }).errors;
  return Array.isArray(nested) && nested.some(isDatabaseUnavailable);
}

/** One line saying what went wrong with the database, for operators (no stack, no password). */
export function describeDatabaseError(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const text = String(message ?? error)
    .split('\n')[0]
    .replace(/\/\/([^:@/]+):[^@/]*@/g, '//$1:***@');
  return typeof code === 'string' && !text.includes(code) ? `${text} (${code})` : text;
}
