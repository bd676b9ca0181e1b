import type { MaterialRecord } from './types.ts';

/** A material as the API shows it (schemas/responses/material.json). */
export function materialView(m: MaterialRecord) {
  return {
    id: m.id,
    code: m.code,
    fileName: m.fileName,
    mediaType: m.mediaType,
    bytes: m.bytes,
    sha256: m.sha256,
    uploadedAt: m.uploadedAt,
    uploadedBy: m.uploadedBy,
    ...(m.onBehalfOf ? { onBehalfOf: m.onBehalfOf } : {}),
    ...(m.licence ? { licence: m.licence } : {}),
    ...(m.reusedFrom ? { reusedFrom: m.reusedFrom } : {}),
  };
}
