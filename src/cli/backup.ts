import { parseDatabaseUrl } from '../config.ts';
import { BackupError, backupSqlite } from '../db/index.ts';

/**
 * `npm run backup -- FILE`: copies the configured SQLite database (DATABASE_URL) to FILE while the service
 * runs. FILE must not exist yet. PostgreSQL has its own tools (pg_dump), and is refused here.
 */
const file = process.argv[2];
if (!file || process.argv.length > 3) {
  console.error('usage: npm run backup -- FILE   (a new file for the copy of the SQLite database)');
  process.exit(2);
}

try {
  const database = parseDatabaseUrl(process.env.DATABASE_URL?.trim() || undefined);
  if (database.client === 'pg') {
    throw new BackupError(
      'DATABASE_URL names PostgreSQL: back it up with pg_dump, e.g. pg_dump --format=custom --file=zerotrip.dump "$DATABASE_URL"',
    );
  }
  if (database.filename === ':memory:') throw new BackupError('an in-memory database has nothing to back up');
  const result = await backupSqlite(database.filename, file);
  console.log(
    `backed up ${database.filename} to ${result.target} (${result.pages} pages, ${result.bytes} bytes)`,
  );
} catch (error) {
  if (!(error instanceof BackupError) && !(error instanceof Error && error.name === 'ConfigError'))
    throw error;
  console.error(`backup refused: ${error.message}`);
  process.exit(1);
}
