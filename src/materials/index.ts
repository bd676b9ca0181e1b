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
