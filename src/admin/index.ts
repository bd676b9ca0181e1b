/** Administration routes: replaying past cases, and the timers that failed. */
export { adminImportRouter } from './import-routes.ts';
export { adminTimersRouter } from './timer-routes.ts';
