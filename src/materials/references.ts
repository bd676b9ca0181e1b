import type { Database } from '../db/index.ts';
import { fieldError } from '../errors/index.ts';
import type { ApplicationRecord } from '../engine/records.ts';
import { HttpError, validationFailed } from '../http/problem.ts';
import type { NewMaterial } from './hand-in.ts';
import type { LicenceLookup } from './licence-lookup.ts';
import { materialById } from './material-store.ts';
import type { MaterialItem } from './types.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A material the same enterprise handed in on another case, attached again (一次提交、多次复用): the same
 * bytes, no copy, the source recorded. It must suit the item as an upload would (type, size). Another
 * enterprise's material is refused exactly like one that does not exist.
 */
export async function reuseMaterial(
  db: Database,
  app: ApplicationRecord,
  item: MaterialItem,
  materialId: string,
  who: { uploadedBy: string; onBehalfOf: string | null },
): Promise<NewMaterial> {
  const unknown = validationFailed('nothing-to-reuse', {}, [
    fieldError('/reuse', 'no-material-to-reuse', { id: materialId, enterprise: app.applicant }),
  ]);
  if (!UUID.test(materialId)) throw unknown;
  const source = await materialById(db.knex, materialId);
  if (!source || source.applicationId === app.id) throw unknown;
  const owner = await db.knex('applications').where({ id: source.applicationId }).first('applicant');
  if (!owner || owner.applicant !== app.applicant) throw unknown;
  if (source.sha256 === null) {
    throw validationFailed('licence-cited-not-reused', {}, [
      fieldError('/reuse', 'cite-licence-instead', { licence: source.licence }),
    ]);
  }
  if (!item.mediaTypes.includes(source.mediaType ?? '')) {
    throw new HttpError(415, 'unsupported-media-type', 'reused-type-not-taken', {
      material: item.code,
      allowed: item.mediaTypes,
      mediaType: source.mediaType,
    });
  }
  if ((source.bytes ?? 0) > item.maxBytes) {
    throw new HttpError(413, 'payload-too-large', 'file-too-large', {
      material: item.code,
      max: item.maxBytes,
    });
  }
  return {
    code: item.code,
    fileName: source.fileName,
    mediaType: source.mediaType,
    bytes: source.bytes,
    sha256: source.sha256,
    licence: null,
    reusedFrom: {
      applicationId: source.reusedFrom?.applicationId ?? source.applicationId,
      materialId: source.reusedFrom?.materialId ?? source.id,
    },
    ...who,
  };
}

/**
 * An electronic licence cited instead of a file (电子证照免提交): the item must list its type, and the licence
 * must exist, be valid and be held by the case's enterprise, checked live at the moment it is cited.
 */
export async function citeLicence(
  licences: LicenceLookup,
  app: ApplicationRecord,
  item: MaterialItem,
  number: string,
  who: { uploadedBy: string; onBehalfOf: string | null },
): Promise<NewMaterial> {
  if (!item.licenceTypes?.length) {
    throw validationFailed('not-a-licence-item', { material: item.code }, [
      fieldError('/licence', 'takes-no-licence', { material: item.code }),
    ]);
  }
  const licence = await licences(number.trim());
  if (!licence || licence.holderUscc !== app.applicant) {
    throw new HttpError(422, 'licence-not-found', 'licence-not-held', { number, enterprise: app.applicant }, [
      fieldError('/licence', 'not-enterprise-licence'),
    ]);
  }
  if (!item.licenceTypes.includes(licence.type)) {
    throw new HttpError(
      422,
      'licence-not-citable',
      'licence-wrong-type',
      { material: item.code, allowed: item.licenceTypes, licenceType: licence.type },
      [fieldError('/licence', 'licence-of-type', { licenceType: licence.type })],
    );
  }
  // A permit whose works have started is still in force; lapsed, revoked and superseded ones stand for nothing.
  if (licence.status !== 'valid' && licence.status !== 'in_force') {
    throw new HttpError(422, 'licence-not-citable', 'licence-not-valid', { number, status: licence.status }, [
      fieldError('/licence', 'licence-status', { status: licence.status }),
    ]);
  }
  return {
    code: item.code,
    fileName: null,
    mediaType: null,
    bytes: null,
    sha256: null,
    licence: number.trim(),
    reusedFrom: null,
    ...who,
  };
}
