import type BetterSqlite3 from 'better-sqlite3';
import type { Knex } from 'knex';
import { CommitQueue, type Outcome, type QueuedWork } from '../commit-queue.ts';
import type { EventStore, GroupCommit } from '../event-store.ts';
import { SqliteEventStore } from './sqlite-event-store.ts';

/** The Knex client's pool, which hands out SQLite's one connection. */
interface PoolClient {
  acquireConnection(): Promise<BetterSqlite3.Database>;
  releaseConnection(connection: BetterSqlite3.Database): Promise<void>;
}

/**
 * Group commit on SQLite: events that arrive while a commit is under way share the next transaction, each
 * inside a savepoint of its own. A refused event rolls back its savepoint only, so it never fails its
 * neighbours; every caller is answered after the COMMIT, so a 2xx still means committed (WAL survives a
 * killed process). The batch holds the pool's only connection, so no other query can slip into it.
 */
export class SqliteGroupCommit implements GroupCommit {
  /** How many transactions committed and how many events they carried (the benchmark reports the ratio). */
  readonly stats = { batches: 0, events: 0 };
  private readonly queue: CommitQueue<QueuedWork>;
  private store: SqliteEventStore | undefined;

  constructor(
    private readonly knex: Knex,
    maxBatch = 256,
  ) {
    this.queue = new CommitQueue((batch) => this.commit(batch), maxBatch);
  }

  /** Runs `work` inside the next group transaction and answers with its result once that has committed. */
  run<T>(work: (store: EventStore) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
    });
  }

  private async commit(batch: QueuedWork[]): Promise<Outcome[]> {
    const client = this.knex.client as unknown as PoolClient;
    let conn: BetterSqlite3.Database;
    try {
      conn = await client.acquireConnection();
    } catch (error) {
      return batch.map(() => ({ ok: false, error }));
    }
    const outcomes: Outcome[] = [];
    try {
      // Statements belong to their connection; the pool hands out a new one only after the old one failed.
      if (this.store?.conn !== conn) this.store = new SqliteEventStore(conn);
      conn.exec('BEGIN IMMEDIATE');
      for (const item of batch) {
        conn.exec('SAVEPOINT event');
        try {
          const value = await item.work(this.store);
          conn.exec('RELEASE event');
          outcomes.push({ ok: true, value });
        } catch (error) {
          conn.exec('ROLLBACK TO event');
          conn.exec('RELEASE event');
          outcomes.push({ ok: false, error });
        }
      }
      conn.exec('COMMIT');
      this.stats.batches++;
      this.stats.events += batch.length;
      return outcomes;
    } catch (error) {
      // The commit itself failed (disk full, I/O error): nothing of the batch is durable, so nobody gets a 2xx.
      if (conn.inTransaction) conn.exec('ROLLBACK');
      return batch.map(() => ({ ok: false, error }));
    } finally {
      await client.releaseConnection(conn);
    }
  }
}
