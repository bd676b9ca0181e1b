import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Page } from '../api/index.ts';

/** A list read page by page from the service: what is loaded so far, and a way to load the next page. */
export interface Pages<T extends { id: string | number }> {
  items: T[];
  /** True while the service has more (a `nextCursor`). */
  more: boolean;
  loading: boolean;
  error: unknown;
  loadMore(): void;
  reload(): void;
  /** Puts a changed item in place (a claimed task), or takes it out when it no longer belongs (null). */
  replace(id: T['id'], item: T | null): void;
}

/**
 * Loads the first page when `deps` change (new filters start again) and the next one on `loadMore`, with the
 * cursor the service handed out. An item met again on a later page (an inbox task whose deadline moved when
 * its clock ran again) replaces the earlier copy instead of showing twice. A later answer always wins.
 */
export function usePages<T extends { id: string | number }>(
  load: (cursor: string | null) => Promise<Page<T>>,
  deps: unknown[],
): Pages<T> {
  const [state, setState] = useState<{ items: T[]; next: string | null; loading: boolean; error?: unknown }>({
    items: [],
    next: null,
    loading: true,
  });
  const [round, setRound] = useState(0);
  const generation = useRef(0);

  const fetchPage = useCallback(
    (cursor: string | null, append: boolean) => {
      const mine = ++generation.current;
      // New filters start a new list: what was shown under the old ones goes at once.
      setState((previous) => ({
        ...previous,
        items: append ? previous.items : [],
        loading: true,
        error: undefined,
      }));
      load(cursor).then(
        (page) => {
          if (mine !== generation.current) return;
          setState((previous) => {
            const items = append ? merge(previous.items, page.items) : page.items;
            return { items, next: page.nextCursor ?? null, loading: false };
          });
        },
        (error: unknown) => mine === generation.current && setState((p) => ({ ...p, loading: false, error })),
      );
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    deps,
  );

  useEffect(() => fetchPage(null, false), [fetchPage, round]);
  const loadMore = useCallback(() => {
    if (state.next && !state.loading) fetchPage(state.next, true);
  }, [fetchPage, state.next, state.loading]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  const replace = useCallback((id: T['id'], item: T | null) => {
    setState((previous) => ({
      ...previous,
      items: previous.items.flatMap((old) => (old.id !== id ? [old] : item ? [item] : [])),
    }));
  }, []);
  return {
    items: state.items,
    more: state.next !== null,
    loading: state.loading,
    error: state.error,
    loadMore,
    reload,
    replace,
  };
}

function merge<T extends { id: string | number }>(loaded: T[], page: T[]): T[] {
  const fresh = new Set(page.map((item) => item.id));
  return [...loaded.filter((item) => !fresh.has(item.id)), ...page];
}
