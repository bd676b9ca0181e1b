import { VersionConflictError } from '../errors/index.ts';

/**
 * Waits a random while, up to a limit that doubles with each attempt, before an event that lost a race is
 * applied again: losers that retried at once would collide again in step.
 */
function backoff(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(200, 5 * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Runs `work` again, after a backoff, each time another writer changed the case first (`VersionConflictError`),
 * at most `maxRetries` times; any other error, or the last conflict, goes to the caller.
 */
export async function withConflictRetry<T>(maxRetries: number, work: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof VersionConflictError) || attempt >= maxRetries) throw error;
      await backoff(attempt);
    }
  }
}
