/**
 * What the support modules keep for a whole run (a migrated template database, one Chromium) and give back at
 * its end: mocha's root `afterAll` (mocha-hooks.ts; after each file under `--parallel`), or, when mocha runs
 * without the project's configuration, the process running out of work.
 */

/**
 * The one `T` of the process under `key`, made by `create` on first use. Kept on `globalThis` because a module
 * may be loaded twice in one run: mocha `require`s the test files and `import`s those require cannot load, and
 * each way has its own copy of every module they reach (e.g. of this one).
 */
export function perProcess<T extends object>(key: string, create: () => T): T {
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  return (store[Symbol.for(`zerotrip.test.${key}`)] ??= create());
}

const cleanups = perProcess('cleanups', () => new Set<() => Promise<void>>());

/** Has `cleanup` run once at the end of the run; registering the same function twice runs it once. */
export function atEndOfRun(cleanup: () => Promise<void>): void {
  if (cleanups.size === 0) process.once('beforeExit', () => void endRun());
  cleanups.add(cleanup);
}

/** Runs the registered clean-ups, all of them even when one fails, and forgets them. */
export async function endRun(): Promise<void> {
  const pending = [...cleanups];
  cleanups.clear();
  const results = await Promise.allSettled(pending.map((cleanup) => cleanup()));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}
