/** Administration routes: replaying past cases, and the timers and outbox messages that failed. */
export { adminImportRouter, IMPORT_ROUTES } from './import-routes.ts';
export { adminTimersRouter, TIMER_ROUTES } from './timer-routes.ts';
export { adminOutboxRouter, OUTBOX_ROUTES } from './outbox-routes.ts';
