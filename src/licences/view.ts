import type { LicenceContext, LicenceExtension, LicenceType } from '../../workflows/licence.ts';
import type { LicencePayload } from './issue.ts';
import { SIGNATURE_ALGORITHM } from './signature.ts';
import type { LicenceRecord, LicenceStatus } from './store.ts';

/** The public record of a licence: the signed facts, the live status, and what a verifier needs. */
export interface LicenceView {
  number: string;
  type: LicenceType;
  status: LicenceStatus;
  holder: LicencePayload['holder'];
  project: LicencePayload['project'];
  application: string;
  issuedAt: string;
  /** Construction permits: the start deadline as it stands now (extensions included); null for certificates. */
  startWorksBy: string | null;
  extensions: LicenceExtension[];
  covers: Record<string, unknown>;
  worksStartedAt?: string;
  revokedAt?: string;
  revocationReason?: string;
  supersedes?: string;
  /** The RFC 8785 text that was signed, byte for byte (as UTF-8). */
  signedPayload: string;
  signature: { algorithm: typeof SIGNATURE_ALGORITHM; keyId: string; value: string };
  verificationUrl: string;
}

/** The verification page of a licence: `<base>/verify/<number>`, what its QR code encodes. */
export function verificationUrl(publicBaseUrl: string, number: string): string {
  return `${publicBaseUrl}/verify/${encodeURIComponent(number)}`;
}

/** Builds the public view of a stored licence. */
export function licenceView(record: LicenceRecord, publicBaseUrl: string): LicenceView {
  const payload = JSON.parse(record.payload) as LicencePayload;
  const context = (record.snapshot as { context?: LicenceContext }).context;
  return {
    number: record.number,
    type: record.type,
    status: record.status,
    holder: payload.holder,
    project: payload.project,
    application: payload.application,
    issuedAt: payload.issuedAt,
    startWorksBy: context?.startWorksBy ?? payload.startWorksBy,
    extensions: context?.extensions ?? [],
    covers: payload.covers,
    ...(context?.worksStartedAt ? { worksStartedAt: context.worksStartedAt } : {}),
    ...(record.revokedAt ? { revokedAt: record.revokedAt } : {}),
    ...(record.revokedAt ? { revocationReason: record.revocationReason ?? '' } : {}),
    ...(record.supersedes ? { supersedes: record.supersedes } : {}),
    signedPayload: record.payload,
    signature: { algorithm: SIGNATURE_ALGORITHM, keyId: record.keyId, value: record.signature },
    verificationUrl: verificationUrl(publicBaseUrl, record.number),
  };
}
