import type { Database } from '../db/index.ts';
import type { ApplicationRecord } from '../engine/records.ts';
import { demandsOf } from './case-demands.ts';
import { catalogForCase } from './case-catalog.ts';
import { demandEntriesOf } from './case-rules.ts';
import { caseCatalogOf, materialsOf } from './material-store.ts';
import { requiredMaterials } from './required-materials.ts';
import { materialView } from './view.ts';

/** Where one catalog item of a case stands. */
export type MaterialStatus = 'missing' | 'provided' | 'pledged' | 'requested';

/**
 * The case page's `requiredMaterials`: each item the form requires (and any other a request named or a
 * material was handed in for), its status and its materials. `requested` wins while a request names the item
 * and nothing came since; `pledged` while the pledge is open and nothing came; else `provided` or `missing`.
 * An imported case's papers were handled on paper: `onPaper`, and no items.
 */
export async function caseMaterials(db: Database, app: ApplicationRecord) {
  const fixed = await caseCatalogOf(db, app.id);
  if (fixed?.onPaper) return { onPaper: true, items: [] };
  const catalog = await catalogForCase(db, app);
  const materials = await materialsOf(db, app.id);
  const demands = demandsOf(await demandEntriesOf(db, app.id));
  const required = new Set(requiredMaterials(catalog, app.form).map((i) => i.code));
  const shown = catalog.items.filter(
    (item) =>
      required.has(item.code) ||
      demands.requested.has(item.code) ||
      materials.some((m) => m.code === item.code),
  );
  const items = shown.map((item) => {
    const own = materials.filter((m) => m.code === item.code);
    const askedAt = demands.requested.get(item.code);
    const pledgedAt = demands.pledged.get(item.code);
    const since = (seq: number) => own.some((m) => m.addedSeq > seq);
    const status: MaterialStatus =
      askedAt !== undefined && !since(askedAt)
        ? 'requested'
        : pledgedAt !== undefined && !since(pledgedAt)
          ? 'pledged'
          : own.length
            ? 'provided'
            : 'missing';
    return {
      code: item.code,
      name: item.name,
      departments: item.departments,
      required: required.has(item.code),
      pledgeable: item.pledgeable,
      status,
      materials: own.map(materialView),
    };
  });
  return { onPaper: false, items };
}
