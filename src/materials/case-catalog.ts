import type { Database } from '../db/index.ts';
import type { ApplicationRecord } from '../engine/records.ts';
import { catalogVersion, currentCatalog } from './catalog-store.ts';
import { caseCatalogOf } from './material-store.ts';
import type { MaterialCatalog } from './types.ts';

/**
 * The catalog a case follows: the version fixed at its submission, or before that the one in force. A workflow
 * without a published catalog has an empty one (nothing is required, nothing is taken).
 */
export async function catalogForCase(db: Database, app: ApplicationRecord): Promise<MaterialCatalog> {
  const fixed = await caseCatalogOf(db, app.id);
  const catalog = fixed
    ? await catalogVersion(db, app.workflowId, fixed.version)
    : await currentCatalog(db, app.workflowId);
  return catalog ?? { workflow: app.workflowId, version: 0, publishedAt: app.createdAt, items: [] };
}
