import type { Knex } from 'knex';
import { CommitQueue, type Outcome, type QueuedWork } from '../commit-queue.ts';
import type { EventStore, GroupCommit } from '../event-store.ts';
import { knexEventStore } from '../knex-event-store.ts';
import { pgDialect } from './postgres-dialect.ts';
import { type PgConnection, PostgresEventStore } from './postgres-event-store.ts';

interface Pending extends QueuedWork {
  /** The case the work writes, locked with the batch's others up front; none for a new case. */
  caseId: string | undefined;
  /** How often it lost a deadlock or a serialization failure already. */
  attempts: number;
  /**
   * Whether it was in a batch rolled back for a statement that carried several events' writes: its next batch
   * sends each event's writes before the next event begins, so a failure is its own event's.
   */
  careful?: boolean;
}

/** The Knex client's pool, which hands out node-postgres clients. */
interface PoolClient {
  acquireConnection(): Promise<PgConnection>;
  releaseConnection(connection: PgConnection): Promise<void>;
}

/** A deadlock (40P01) or a serialization failure (40001): the loser may simply run again. */
const isTransient = (error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
};

/** How often an event that lost a deadlock runs again before its caller gets the error. */
const MAX_TRANSIENT_RETRIES = 5;

/**
 * Group commit on PostgreSQL: events that arrive while a batch is under way share the next transaction, on a
 * connection of the Knex pool held for that batch (the pool's settings, its connection checks and its
 * shutdown serve it too; node-postgres keeps each named statement parsed per connection, so any pooled
 * connection will do). The batch first locks every case it writes in one statement, in id order, so that two
 * instances' batches queue behind each other rather than deadlock, and keeps their rows and, read next, their
 * tasks. Every caller is answered after the COMMIT, so a 2xx still means committed.
 *
 * No savepoint per event: node-postgres sends one statement per round trip, and a savepoint would cost each
 * event one more. A refused event is refused before it writes (the engine's verdict comes first), so it leaves
 * the transaction as it was. An event that fails after it wrote (a constraint, a lost deadlock) rolls the batch
 * back: its caller gets the error (or it runs again, for a deadlock), and the others, none of them answered
 * yet, run again in the next batch. An event's held writes may travel with the next event's first statement;
 * when such a statement fails, nobody can be blamed: the whole batch runs again, each event then sending its
 * own writes before the next begins.
 */
export class PostgresGroupCommit implements GroupCommit {
  /**
   * Transactions committed, the events they carried, and the statements sent on the batch's connection (each
   * one round trip): the benchmark prints `queries / events`.
   */
  readonly stats = { batches: 0, events: 0, queries: 0 };
  private readonly queue: CommitQueue<Pending>;
  private store: PostgresEventStore | undefined;

  constructor(
    private readonly knex: Knex,
    maxBatch = 128,
  ) {
    this.queue = new CommitQueue((batch) => this.commit(batch), maxBatch);
  }

  /** Runs `work` inside the next group transaction and answers once that has committed. */
  run<T>(work: (store: EventStore) => Promise<T>, caseId?: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        work,
        caseId,
        attempts: 0,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
    });
  }

  /** Reads outside any batch: PostgreSQL serves them on the pool's other connections meanwhile. */
  read<T>(work: (store: EventStore) => Promise<T>): Promise<T> {
    return work(knexEventStore(this.knex, pgDialect));
  }

  /** Sends one statement of the batch's own (BEGIN, the lock statements, COMMIT), counted. */
  private async send(conn: PgConnection, text: string, named?: { name: string; values: unknown[] }) {
    this.stats.queries++;
    return named ? conn.query({ name: named.name, text, values: named.values }) : conn.query(text);
  }

  private async commit(batch: Pending[]): Promise<Outcome[]> {
    const client = this.knex.client as unknown as PoolClient;
    let conn: PgConnection;
    try {
      conn = await client.acquireConnection();
    } catch (error) {
      return batch.map(() => ({ ok: false, error }));
    }
    if (this.store?.conn !== conn) this.store = new PostgresEventStore(conn);
    const store: PostgresEventStore = this.store;
    const sentBefore = store.queries;
    // After a failure nobody could be blamed for, each event sends its own writes before the next begins.
    const careful = batch.some((item) => item.careful);
    const outcomes: Outcome[] = [];
    let open = false;
    /** Rolls the batch back: every event runs again, each sending its own writes (see `careful`). */
    const allAgain = async () => {
      await conn.query('ROLLBACK').catch(() => undefined);
      open = false;
      return batch.map((item): Outcome => {
        item.careful = true;
        return { ok: 'again' };
      });
    };
    try {
      await this.send(conn, 'BEGIN');
      open = true;
      const ids = [...new Set(batch.flatMap((item) => (item.caseId === undefined ? [] : [item.caseId])))];
      ids.sort();
      const cases = ids.length
        ? await this.send(conn, 'select * from applications where id = any($1) order by id for update', {
            name: 'zt_lock_cases',
            values: [ids],
          })
        : undefined;
      // Their tasks, under the same lock: the visibility check and the tasks an event closes are then read free.
      const found = cases?.rows.map((row) => row.id) ?? [];
      const tasks = found.length
        ? await this.send(conn, 'select * from tasks where application_id = any($1) order by id', {
            name: 'zt_locked_tasks',
            values: [found],
          })
        : undefined;
      store.locked(cases, tasks);
      for (const [i, item] of batch.entries()) {
        store.begin();
        try {
          const value = await item.work(store);
          if (careful) await store.flush();
          outcomes.push({ ok: true, value });
        } catch (error) {
          const again = isTransient(error) && item.attempts < MAX_TRANSIENT_RETRIES;
          if (!store.wrote) {
            // Refused before it wrote anything (the usual refusal): the transaction is as it was.
            if (again) item.attempts++;
            store.refused();
            outcomes.push(again ? { ok: 'again' } : { ok: false, error });
            continue;
          }
          // The statement that failed carried an earlier event's writes too: which one failed is unknown.
          if (store.failedWithOthers) return await allAgain();
          if (again) item.attempts++;
          // Its writes cannot be taken back alone: the batch rolls back, its caller gets the answer, and the
          // events before and after it run again in the next batch (none of them has been answered).
          await conn.query('ROLLBACK').catch(() => undefined);
          open = false;
          return batch.map((other, j): Outcome => {
            if (j === i) return again ? { ok: 'again' } : { ok: false, error };
            return { ok: 'again' };
          });
        }
      }
      try {
        await store.flush();
      } catch {
        // The last writes held, of any event of the batch.
        return await allAgain();
      }
      await this.send(conn, 'COMMIT');
      open = false;
      this.stats.batches++;
      this.stats.events += outcomes.filter((o) => o.ok !== 'again').length;
      return outcomes;
    } catch (error) {
      // BEGIN, the lock or the COMMIT failed: nothing of the batch is durable, so nobody gets a 2xx. A batch
      // that lost a deadlock on its lock statement runs again whole.
      if (open) await conn.query('ROLLBACK').catch(() => undefined);
      const again = isTransient(error) && batch.every((item) => item.attempts < MAX_TRANSIENT_RETRIES);
      return batch.map((item) => {
        if (!again) return { ok: false, error };
        item.attempts++;
        return { ok: 'again' };
      });
    } finally {
      // A batch rolled back leaves nothing to build on; one committed is remembered by the engine itself.
      store.uncommitted.clear();
      this.stats.queries += store.queries - sentBefore;
      await client.releaseConnection(conn);
    }
  }
}
