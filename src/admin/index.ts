/** Administration routes: replaying past cases, and the timers that failed. */
export { adminImportRouter, IMPORT_ROUTES } from './import-routes.ts';
export { adminTimersRouter, TIMER_ROUTES } from './timer-routes.ts';
