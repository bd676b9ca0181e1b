/**
 * What the support modules keep for a whole run (a migrated template database, one Chromium) and give back at
 * its end: mocha's root `afterAll` (mocha-hooks.ts; after each file under `--parallel`), or, when mocha runs
 * without the project's configuration, the process running out of work.
 */
const cleanups = new Set<() => Promise<void>>();

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
