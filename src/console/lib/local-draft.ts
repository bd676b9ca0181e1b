/**
 * Unsaved input kept in the browser (localStorage) until it is saved, so a reload or a closed tab does not
 * lose it: per person and per case (or per new application's workflow). Only what the person typed is kept —
 * never a token — and all of it goes on sign-out.
 */

/** The part of the browser's `Storage` used here (a test passes its own). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  key(index: number): string | null;
  readonly length: number;
}

/** The project and form as typed, not yet saved. */
export interface LocalDraft {
  project: unknown;
  form: unknown;
}

const PREFIX = 'zerotrip.draft.';

/** The key of one person's unsaved input for a case, or for a new application of a workflow. */
export function localDraftKey(
  person: string,
  target: { caseId: string } | { workflow: string; applicant?: string },
): string {
  const what =
    'caseId' in target ? `case:${target.caseId}` : `new:${target.workflow}:${target.applicant ?? ''}`;
  return `${PREFIX}${encodeURIComponent(person)}.${what}`;
}

/** The unsaved input under `key`, or null when there is none (or it is unreadable). */
export function readLocalDraft(store: KeyValueStore, key: string): LocalDraft | null {
  try {
    const parsed = JSON.parse(store.getItem(key) ?? 'null') as Partial<LocalDraft> | null;
    return parsed && typeof parsed === 'object' && 'project' in parsed && 'form' in parsed
      ? { project: parsed.project, form: parsed.form }
      : null;
  } catch {
    return null;
  }
}

/** Keeps the input; a full or refused storage only loses this safety net, never the page. */
export function keepLocalDraft(store: KeyValueStore, key: string, draft: LocalDraft): void {
  try {
    store.setItem(key, JSON.stringify(draft));
  } catch {
    // Private mode or a full storage: the page warns before leaving instead.
  }
}

export function dropLocalDraft(store: KeyValueStore, ...keys: string[]): void {
  for (const key of keys) store.removeItem(key);
}

/** Drops every unsaved input kept in this browser: on sign-out, so the next person sees none of it. */
export function dropAllLocalDrafts(store: KeyValueStore): void {
  const keys: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (key?.startsWith(PREFIX)) keys.push(key);
  }
  for (const key of keys) store.removeItem(key);
}
