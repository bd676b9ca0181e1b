/**
 * Mocha's root hooks, loaded by .mocharc.json: at the end of the run (of each file under `--parallel`) what the
 * support modules kept for the whole run is given back (after-run.ts).
 */
import { endRun } from './after-run.ts';

/** The root hooks mocha reads from a `require`d module. */
export const mochaHooks = {
  async afterAll(): Promise<void> {
    await endRun();
  },
};
