/**
 * The directory: enterprises by USCC and people by user id, so pages show names instead of codes. `store.ts`
 * and `form-names.ts` sit a layer lower (docs/architecture.md, "Layers").
 */
export { recordCaller } from './caller.ts';
export { nameFromForm } from './form-names.ts';
export { ENTERPRISE_ROUTES, enterprisesRouter, PEOPLE_ROUTES, peopleRouter } from './routes.ts';
export {
  clerksOf,
  enterpriseEntry,
  enterpriseNames,
  namesFor,
  peopleNames,
  personEntry,
  type EnterpriseEntry,
  type PersonEntry,
} from './store.ts';
