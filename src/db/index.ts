/**
 * Persistence: what the rest of the server uses of `src/db/`. The interfaces first (the database, the dialect
 * and its roles, the event store), then what opens, migrates and watches a database; the SQLite-only pieces
 * (group commit, backup) live in `sqlite/`, the PostgreSQL-only ones in `postgres/`, behind these.
 */
export type { Database } from './database.ts';
export type { Dialect } from './dialect.ts';
export type { ColumnReader } from './column-reader.ts';
export type { OneAtATime } from './one-at-a-time.ts';
export type { PercentileSql } from './percentile-sql.ts';
export type { RowLocking } from './row-locking.ts';
export type { WriteProbe } from './write-probe.ts';
export type { EventStore, FamilyChildren, FamilyParent, GroupCommit, Row } from './event-store.ts';
export { openDatabase } from './open-database.ts';
export { migrateLatest, pendingMigrations } from './migrate.ts';
export { knexEventStore, storeOf } from './knex-event-store.ts';
export { groupCommitFor } from './group-commit-for.ts';
export { describeDatabaseError, isDatabaseUnavailable, RETRY_AFTER_SECONDS } from './unavailable.ts';
export { isUniqueViolation } from './unique-violation.ts';
export { SqliteGroupCommit } from './sqlite/sqlite-group-commit.ts';
export { PostgresGroupCommit } from './postgres/postgres-group-commit.ts';
export { BackupError, backupSqlite, type BackupResult } from './sqlite/sqlite-backup.ts';
