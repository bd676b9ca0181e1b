/**
 * Errors that mean "the database cannot serve us right now" rather than "this request is wrong" or "the code
 * is wrong": the server is down or refuses connections, the pool timed out, the file is locked, read-only,
 * full or failing. Callers answer 503 with Retry-After (HTTP), or stop with one clear line (start-up).
 */
import { isPostgresUnavailable } from './postgres/postgres-unavailable.ts';
import { isSqliteUnavailable } from './sqlite/sqlite-unavailable.ts';

/** Seconds a client or load balancer should wait before trying again (the `Retry-After` of a 503). */
export const RETRY_AFTER_SECONDS = 5;

/** Messages of knex's pool, which carry no code. */
const POOL_MESSAGES = /Timeout acquiring a connection|Unable to acquire a connection/i;

/** True when the error says the database is unavailable, not that the request or the code is wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { code, name, message } = error as { code?: unknown; name?: unknown; message?: unknown };
  if (name === 'KnexTimeoutError') return true;
  if (isSqliteUnavailable(code) || isPostgresUnavailable(code, message)) return true;
  if (typeof message === 'string' && POOL_MESSAGES.test(message)) return true;
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
