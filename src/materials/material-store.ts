import type { Knex } from 'knex';
import { type Database, type EventStore, storeOf } from '../db/index.ts';
import type { MaterialRecord } from './types.ts';

/** A materials row as a record. */
export function toMaterial(row: Record<string, unknown>): MaterialRecord {
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    id: String(row.id),
    applicationId: String(row.application_id),
    code: String(row.code),
    fileName: str(row.file_name),
    mediaType: str(row.media_type),
    bytes: num(row.bytes),
    sha256: str(row.sha256),
    licence: str(row.licence_number),
    reusedFrom: row.source_application_id
      ? { applicationId: String(row.source_application_id), materialId: String(row.source_material_id) }
      : null,
    uploadedAt: String(row.uploaded_at),
    uploadedBy: String(row.uploaded_by),
    onBehalfOf: str(row.on_behalf_of),
    addedSeq: Number(row.added_seq),
  };
}

/** A record as a materials row. */
export function materialRow(m: MaterialRecord): Record<string, unknown> {
  return {
    id: m.id,
    application_id: m.applicationId,
    code: m.code,
    sha256: m.sha256,
    bytes: m.bytes,
    media_type: m.mediaType,
    file_name: m.fileName,
    licence_number: m.licence,
    source_application_id: m.reusedFrom?.applicationId ?? null,
    source_material_id: m.reusedFrom?.materialId ?? null,
    uploaded_at: m.uploadedAt,
    uploaded_by: m.uploadedBy,
    on_behalf_of: m.onBehalfOf,
    added_seq: m.addedSeq,
  };
}

/** The materials of a case, oldest first (inside an event through its store). */
export async function materialsOf(
  from: Database | EventStore,
  applicationId: string,
): Promise<MaterialRecord[]> {
  const sql = 'select * from materials where application_id = ? order by added_seq';
  return (await storeOf(from).query(sql, [applicationId])).map(toMaterial);
}

/** One material of a case, or null. */
export async function materialOf(
  knex: Knex | Knex.Transaction,
  applicationId: string,
  id: string,
): Promise<MaterialRecord | null> {
  const row = await knex('materials').where({ application_id: applicationId, id }).first();
  return row ? toMaterial(row) : null;
}

/** A material by its id alone (reuse names one from another case), or null. */
export async function materialById(
  knex: Knex | Knex.Transaction,
  id: string,
): Promise<MaterialRecord | null> {
  const row = await knex('materials').where({ id }).first();
  return row ? toMaterial(row) : null;
}

/** The catalog version a case is held to since its submission, and whether its papers were handled on paper. */
export interface CaseCatalog {
  version: number;
  onPaper: boolean;
}

/** The catalog a case was submitted under, or null before its submission. */
export async function caseCatalogOf(
  from: Database | EventStore,
  applicationId: string,
): Promise<CaseCatalog | null> {
  const sql = 'select catalog_version, on_paper from case_material_catalogs where application_id = ?';
  const [row] = await storeOf(from).query(sql, [applicationId]);
  return row ? { version: Number(row.catalog_version), onPaper: Boolean(row.on_paper) } : null;
}

/**
 * Fixes the catalog version of a case (at SUBMIT, or for an imported case whose papers were on paper); a case
 * submitted again keeps the version fixed first. Written with the event, through its store.
 */
export async function fixCaseCatalog(
  store: EventStore,
  row: { applicationId: string; workflow: string; version: number; onPaper: boolean; at: string },
): Promise<void> {
  if (await caseCatalogOf(store, row.applicationId)) return;
  await store.insert('case_material_catalogs', {
    application_id: row.applicationId,
    workflow: row.workflow,
    catalog_version: row.version,
    on_paper: row.onPaper,
    fixed_at: row.at,
  });
}
