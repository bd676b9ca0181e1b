/**
 * Electronic licences (电子证照): issued with a construction permit or a completion acceptance, signed with
 * SM2-SM3, verified by anyone. `store.ts`, `issue.ts`, `signature.ts` and `signing-key.ts` sit a layer lower
 * (docs/architecture.md, "Layers"): modules below the edge import them by file.
 */
export { licenceObserver, REPORT_WITHIN_WORKING_DAYS, type LicencePayload } from './issue.ts';
export { licenceReportDeliverer } from './report.ts';
export { LICENCE_ROUTES, licencesRouter } from './routes.ts';
export { SIGNATURE_ALGORITHM, SM2_USER_ID, signatureFingerprint, verifyCanonical } from './signature.ts';
export { DEV_LICENCE_KEY_FILE, parseSigningKey, resolveSigningKey, type SigningKey } from './signing-key.ts';
export {
  findLicence,
  licencesOfApplication,
  LICENCE_REPORT_MESSAGE,
  overdueReportCount,
  rememberSigningKey,
  type LicenceStatus,
  type LicenceSummary,
} from './store.ts';
export { licenceView, verificationUrl, type LicenceView } from './view.ts';
