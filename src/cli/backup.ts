import fs from 'node:fs';
import path from 'node:path';
import { dataDirFor, parseDatabaseUrl } from '../config.ts';
import { BackupError, backupSqlite } from '../db/index.ts';
import { copyBlobs, FileBlobStore } from '../materials/index.ts';

/**
 * `npm run backup -- FILE`: copies the configured SQLite database (DATABASE_URL) to FILE while the service
 * runs, then the material files it references into `materials/` beside FILE — where a service started with
 * `DATABASE_URL=FILE` looks for them. FILE must not exist yet. PostgreSQL keeps the files in the database and
 * has its own tools (pg_dump), and is refused here.
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
  const materials = path.join(dataDirFor(process.env.DATA_DIR?.trim() || undefined, database), 'materials');
  if (fs.existsSync(path.join(materials, 'blobs'))) {
    const into = path.join(path.dirname(result.target), 'materials');
    const copy = await copyBlobs(new FileBlobStore(materials), new FileBlobStore(into));
    console.log(
      `copied ${copy.copied} material files (${copy.bytes} bytes) to ${into}; ${copy.present} were there already`,
    );
  }
} catch (error) {
  if (!(error instanceof BackupError) && !(error instanceof Error && error.name === 'ConfigError'))
    throw error;
  console.error(`backup refused: ${error.message}`);
  process.exit(1);
}
