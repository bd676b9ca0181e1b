/**
 * Whether an error is a broken unique key: the loser of two writers racing to insert the same row. SQLite
 * (better-sqlite3) names it `SQLITE_CONSTRAINT_UNIQUE` (or `_PRIMARYKEY`), PostgreSQL SQLSTATE 23505; callers
 * answer it as the conflict it is (409) instead of a server error.
 */
const UNIQUE_CODES = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY', '23505']);

/** True when `error` (or the error it wraps as `cause`) is a unique-key violation. */
export function isUniqueViolation(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  if (typeof code === 'string' && UNIQUE_CODES.has(code)) return true;
  return cause !== undefined && cause !== error && isUniqueViolation(cause);
}
