/** The signed-in person's unread message count, which the bell in the header shows and the list updates. */
import { api } from '../api/index.ts';
import { createStore } from './store.ts';

/** Null until the first answer (the bell shows no number rather than a wrong one). */
export const unread = createStore<number | null>(null);

/** Asks the service again; a failure leaves the count as it was (the bell is no place for errors). */
export async function refreshUnread(): Promise<void> {
  try {
    unread.set((await api.notifications({ limit: 1 })).unreadCount);
  } catch {
    // The page the person is on reports the service's troubles itself.
  }
}
