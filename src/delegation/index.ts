/** Proxy handling (全程代办) and one-to-one liaison: who may act for, or follow, an enterprise. */
export { coversCase, coversWorkflow, type ActiveDelegation } from './scope.ts';
export { activeDelegationsHeldBy, enterprisesOfLiaison, liaisonOf } from './store.ts';
