/**
 * Proxy handling (全程代办) and one-to-one liaison: who may act for, or follow, an enterprise; the agreements'
 * and the liaisons' routes. `scope.ts` and `store.ts` sit a layer lower (docs/architecture.md, "Layers"):
 * modules below the edge import them by file.
 */
export { coversCase, coversWorkflow, whereCovered, type ActiveDelegation } from './scope.ts';
export {
  activeDelegationsHeldBy,
  delegationsVisibleTo,
  enterprisesOfLiaison,
  liaisonOf,
  liaisonRow,
} from './store.ts';
export { DELEGATION_ROUTES, delegationsRouter } from './routes.ts';
export { LIAISON_ROUTES, liaisonRouter } from './liaison-routes.ts';
export { delegationView } from './view.ts';
