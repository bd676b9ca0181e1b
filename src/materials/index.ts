/**
 * Application materials (申请材料): the catalog each workflow publishes, which items a form requires, and the
 * routes that read and publish the catalog. "One set of materials" (国办发〔2019〕11号): see docs/domain.md.
 */
export type {
  MaterialCatalog,
  MaterialCatalogBody,
  MaterialItem,
  MaterialRecord,
  RequiredMaterial,
} from './types.ts';
export { catalogProblems, requiredMaterials } from './required-materials.ts';
export {
  catalogVersion,
  currentCatalog,
  publishCatalog,
  seedCatalogs,
  seedMaterialCatalogs,
} from './catalog-store.ts';
export { CATALOG_ROUTES, catalogRouter } from './catalog-routes.ts';
export type { BlobStore, ByteRange } from './blob-store.ts';
export { copyBlobs, type BlobCopy } from './copy-blobs.ts';
export { FileBlobStore } from './file-blob-store.ts';
export { PostgresBlobStore } from './postgres-blob-store.ts';
export { sweepBlobs, type BlobSweepResult } from './sweep.ts';
export { materialRules } from './case-rules.ts';
export type { CitedLicence, LicenceLookup } from './licence-lookup.ts';
export { MATERIAL_ROUTES, materialsRouter } from './routes.ts';
