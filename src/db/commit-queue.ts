import type { EventStore } from './event-store.ts';

/** Work waiting for a group commit, and how its caller is answered. */
export interface QueuedWork {
  work(store: EventStore): Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** What became of one item of a batch: committed with its value, failed, or to run again in the next batch. */
export type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown } | { ok: 'again' };

/**
 * The queue both databases' group commits share: work that arrives while a batch commits waits for the next
 * one, at most `maxBatch` at a time; `commit` answers an outcome per item, and every caller is answered from
 * it — whatever goes wrong, since a promise left pending would hang its request. An item to run again goes
 * back in line.
 */
export class CommitQueue<T extends QueuedWork> {
  private readonly waiting: T[] = [];
  private flushing = false;

  constructor(
    private readonly commit: (batch: T[]) => Promise<Outcome[]>,
    private readonly maxBatch: number,
  ) {}

  push(item: T): void {
    this.waiting.push(item);
    if (!this.flushing) {
      this.flushing = true;
      // Let the events already on their way join this batch.
      setImmediate(() => void this.flush());
    }
  }

  private async flush(): Promise<void> {
    try {
      while (this.waiting.length) {
        const batch = this.waiting.splice(0, this.maxBatch);
        const outcomes = await this.commit(batch).catch((error: unknown) =>
          batch.map((): Outcome => ({ ok: false, error })),
        );
        batch.forEach((item, i) => {
          const outcome = outcomes[i]!;
          if (outcome.ok === 'again') this.waiting.push(item);
          else if (outcome.ok) item.resolve(outcome.value);
          else item.reject(outcome.error);
        });
      }
    } finally {
      this.flushing = false;
    }
  }
}
