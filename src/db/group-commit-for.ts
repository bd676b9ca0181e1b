import type { Database } from './database.ts';
import type { GroupCommit } from './event-store.ts';
import { PostgresGroupCommit } from './postgres/postgres-group-commit.ts';
import { SqliteGroupCommit } from './sqlite/sqlite-group-commit.ts';

/**
 * The group commit the engine writes plain events through: on SQLite (one writer, so concurrent events share
 * a commit) and on PostgreSQL (fewer commits and round trips; the batch locks its cases up front).
 */
export function groupCommitFor(db: Database): GroupCommit {
  return db.dialect.name === 'sqlite' ? new SqliteGroupCommit(db.knex) : new PostgresGroupCommit(db.knex);
}
