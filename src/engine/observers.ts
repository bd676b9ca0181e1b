import type { EventStore } from '../db/index.ts';
import type { CommittedEvent, EventObserver } from './types.ts';

/** The work registered to follow every committed entry, run in order in the entry's transaction. */
export class EventObservers {
  private readonly list: EventObserver[] = [];

  /** Whether any is registered: without one the engine builds no description of the entry. */
  get any(): boolean {
    return this.list.length > 0;
  }

  add(observer: EventObserver): void {
    this.list.push(observer);
  }

  async notify(store: EventStore, committed: CommittedEvent): Promise<void> {
    for (const observer of this.list) await observer(store, committed);
  }
}
