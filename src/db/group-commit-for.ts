import type { Database } from './database.ts';
import type { GroupCommit } from './event-store.ts';
import { SqliteGroupCommit } from './sqlite/sqlite-group-commit.ts';

/**
 * The group commit the engine writes plain events through: one on SQLite (one writer, so concurrent events
 * can share a commit), none on PostgreSQL (many writers, each event commits on its own).
 */
export function groupCommitFor(db: Database): GroupCommit | undefined {
  return db.dialect.name === 'sqlite' ? new SqliteGroupCommit(db.knex) : undefined;
}
