/**
 * The guide before sign-in (办事指南): what the process would ask, charge and inspect for the facts known so
 * far, computed by the process's own functions (docs/api.md, "The guide before sign-in").
 */
export type { Figure, Guide, GuideInputs } from './guide.ts';
export { guideFor } from './guide.ts';
export { processOutcome, type ProcessOutcome } from './process-outcome.ts';
export { openFacts, thresholdsOf, type OpenFact } from './open-facts.ts';
export { GUIDE_ROUTES, guideRouter } from './routes.ts';
