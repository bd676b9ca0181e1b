/** Fees under a case: the router, and the view of a fee the case page shares. */
export { feesRouter } from './routes.ts';
export { toFee } from './view.ts';
