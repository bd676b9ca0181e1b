/** Fees under a case: the router, and the view of a fee the case page shares. */
export { FEE_ROUTES, feesRouter } from './routes.ts';
export { toFee } from './view.ts';
