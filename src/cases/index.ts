/**
 * Cases (applications): the router, the case views, the 404 check of every case route, and who may see a
 * case. `visibility.ts` and `queries.ts` sit a layer lower (docs/architecture.md, "Layers"): modules below the
 * edge import them by file.
 */
export { applicationsRouter, CASE_ROUTES } from './routes.ts';
export { applicationSummary, applicationView } from './view.ts';
export {
  accessOf,
  caseOf,
  loadVisibleCase,
  onBehalfOf,
  visibleCase,
  type VisibleCase,
} from './visible-case.ts';
export { caseVerdict, whereVisible, type CaseVerdict, type VisibilityDeps } from './visibility.ts';
export { CASE_STATUSES, caseWithTaskOf, historyOf, listCases, ownApplicationIds } from './queries.ts';
