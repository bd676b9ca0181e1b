import fs from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';

/** A backup that cannot be made; the message says what to do. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/** What a backup copied. */
export interface BackupResult {
  target: string;
  pages: number;
  bytes: number;
}

/**
 * Copies a live SQLite database to a new file with SQLite's online backup API (better-sqlite3's
 * `db.backup`): the service keeps running and writing. Every page is copied in one step, a consistent
 * snapshot under a read lock (WAL lets writers go on meanwhile); copying in small steps would start over
 * each time another connection writes, and might never finish on a busy service. The copy is checked
 * (`quick_check`) before it is reported done.
 */
export async function backupSqlite(source: string, target: string): Promise<BackupResult> {
  const to = path.resolve(target);
  if (fs.existsSync(to)) throw new BackupError(`${to} already exists; give the backup a new file name`);
  if (!fs.existsSync(path.dirname(to)))
    throw new BackupError(`the folder ${path.dirname(to)} does not exist`);
  if (!fs.existsSync(source))
    throw new BackupError(`there is no SQLite database at ${source}; check DATABASE_URL`);
  const db = new Sqlite(source, { fileMustExist: true });
  let pages: number;
  try {
    db.pragma('busy_timeout = 5000');
    ({ totalPages: pages } = await db.backup(to, { progress: () => 0x7fffffff }));
  } finally {
    db.close();
  }
  const copy = new Sqlite(to, { readonly: true, fileMustExist: true });
  try {
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok')
      throw new BackupError(`the copy at ${to} failed its integrity check: ${String(check)}`);
  } finally {
    copy.close();
  }
  return { target: to, pages, bytes: fs.statSync(to).size };
}
