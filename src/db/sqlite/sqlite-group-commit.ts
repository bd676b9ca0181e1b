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

/** The batch's transaction statements, prepared once per connection instead of parsed again for every event. */
interface TransactionControl {
  begin: BetterSqlite3.Statement;
  savepoint: BetterSqlite3.Statement;
  release: BetterSqlite3.Statement;
  rollbackTo: BetterSqlite3.Statement;
  commit: BetterSqlite3.Statement;
}

const transactionControl = (conn: BetterSqlite3.Database): TransactionControl => ({
  begin: conn.prepare('BEGIN IMMEDIATE'),
  savepoint: conn.prepare('SAVEPOINT event'),
  release: conn.prepare('RELEASE event'),
  rollbackTo: conn.prepare('ROLLBACK TO event'),
  commit: conn.prepare('COMMIT'),
});

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
  private control: TransactionControl | undefined;

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
      if (this.store?.conn !== conn) {
        this.store = new SqliteEventStore(conn);
        this.control = transactionControl(conn);
      }
      const control = this.control!;
      const store = this.store;
      store.uncommitted.clear();
      control.begin.run();
      for (const item of batch) {
        control.savepoint.run();
        try {
          const value = await item.work(store);
          control.release.run();
          outcomes.push({ ok: true, value });
        } catch (error) {
          control.rollbackTo.run();
          control.release.run();
          store.uncommitted.clear();
          outcomes.push({ ok: false, error });
        }
      }
      control.commit.run();
      this.stats.batches++;
      this.stats.events += batch.length;
      return outcomes;
    } catch (error) {
      // The commit itself failed (disk full, I/O error): nothing of the batch is durable, so nobody gets a 2xx.
      if (conn.inTransaction) conn.exec('ROLLBACK');
      return batch.map(() => ({ ok: false, error }));
    } finally {
      // A batch rolled back leaves nothing to build on; one committed is remembered by the engine itself.
      this.store?.uncommitted.clear();
      await client.releaseConnection(conn);
    }
  }
}
