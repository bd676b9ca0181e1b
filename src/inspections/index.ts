/** Inspections under a case: the router, and the view of an inspection the case page shares. */
export { INSPECTION_ROUTES, inspectionsRouter } from './routes.ts';
export { toInspection } from './view.ts';
