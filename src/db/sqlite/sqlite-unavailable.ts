/** SQLite result codes (better-sqlite3 puts the extended code in `code`, e.g. SQLITE_IOERR_WRITE). */
const SQLITE_CODES = /^SQLITE_(BUSY|LOCKED|READONLY|FULL|IOERR|CANTOPEN|PROTOCOL)/;

/** True when an error's `code` says the SQLite file is busy, locked, read-only, full or failing. */
export function isSqliteUnavailable(code: unknown): boolean {
  return typeof code === 'string' && SQLITE_CODES.test(code);
}
