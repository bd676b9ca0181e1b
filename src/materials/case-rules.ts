import { type Database, type EventStore, storeOf } from '../db/index.ts';
import type { EventRules } from '../engine/event-rules.ts';
import type { ApplicationRecord } from '../engine/records.ts';
import type { MachineEvent } from '../engine/workflow.ts';
import { ContentInvalidError, fieldError, MaterialsMissingError, type FieldError } from '../errors/index.ts';
import { demandsOf, outstanding, type DemandEntry } from './case-demands.ts';
import { catalogVersion, currentCatalog } from './catalog-store.ts';
import { caseCatalogOf, fixCaseCatalog, materialsOf } from './material-store.ts';
import { requiredMaterials } from './required-materials.ts';
import type { MaterialCatalog, MaterialRecord } from './types.ts';

/** The events whose materials the rules check. */
const RULED = new Set(['SUBMIT', 'ACCEPT', 'ACCEPT_WITH_DEFICIENCIES', 'REQUEST_SUPPLEMENT', 'SUPPLEMENT']);

/**
 * The records of a case's log the demands read (demandsOf folds only requests, pledges and supplements), so that
 * the read does not grow with the approvals and hand-ins between them; and only from the last supplement on,
 * which leaves nothing asked or pledged before it, so that it does not grow with past supplement rounds either
 * (the index on the case's sequence is walked back to that supplement).
 */
export async function demandEntriesOf(
  from: Database | EventStore,
  applicationId: string,
): Promise<DemandEntry[]> {
  const store = storeOf(from);
  const sql =
    'select seq, type, data from audit_events where application_id = ? and type in ' +
    "('REQUEST_SUPPLEMENT', 'ACCEPT_WITH_DEFICIENCIES', 'SUPPLEMENT') and seq >= coalesce((select seq from " +
    "audit_events where application_id = ? and type = 'SUPPLEMENT' order by seq desc limit 1), 0) order by seq";
  return (await store.query(sql, [applicationId, applicationId])).map((r) => ({
    seq: Number(r.seq),
    type: String(r.type),
    data: store.dialect.readJson(r.data),
  }));
}

/** Codes required for the form that have no material, and the required items (pledgeable ones marked). */
function missingOf(catalog: MaterialCatalog, form: Record<string, unknown>, materials: MaterialRecord[]) {
  const required = requiredMaterials(catalog, form);
  const missing = required.filter((item) => !materials.some((m) => m.code === item.code));
  return { required, missing };
}

/**
 * The materials rules of the process (docs/domain.md, Materials), as the engine's port: SUBMIT needs every
 * required paper that may not be pledged and fixes the catalog version; the window's acceptance needs every
 * required paper, or pledges exactly the missing pledgeable ones; a supplement request names catalog codes;
 * SUPPLEMENT needs a material for each code asked for (and each pledged) since. Cases submitted before
 * materials existed, and imported ones, whose papers were handled on paper, are exempt.
 */
export function materialRules(): EventRules {
  return {
    eventTypes: RULED,
    async check(store, app, event) {
      if (event.type === 'SUBMIT') return submitRule(store, app, event);
      const fixed = await caseCatalogOf(store, app.id);
      if (!fixed || fixed.onPaper) return undefined;
      const catalog = await catalogVersion(store, app.workflowId, fixed.version);
      if (!catalog) throw new Error(`material catalog ${app.workflowId}@${fixed.version} is missing`);
      const materials = await materialsOf(store, app.id);
      switch (event.type) {
        case 'ACCEPT':
        case 'ACCEPT_WITH_DEFICIENCIES':
          acceptanceRule(catalog, app, event, materials);
          return undefined;
        case 'REQUEST_SUPPLEMENT':
          requestRule(catalog, event);
          return undefined;
        case 'SUPPLEMENT': {
          const missing = outstanding(demandsOf(await demandEntriesOf(store, app.id)), materials);
          if (missing.length) throw new MaterialsMissingError(event.type, missing);
          return undefined;
        }
      }
      return undefined;
    },
  };
}

async function submitRule(store: EventStore, app: ApplicationRecord, event: MachineEvent) {
  const catalog = await currentCatalog(store, app.workflowId);
  if (!catalog) return undefined;
  const { missing } = missingOf(catalog, app.form, await materialsOf(store, app.id));
  const lacking = missing.filter((item) => !item.pledgeable).map((item) => item.code);
  if (lacking.length) throw new MaterialsMissingError(event.type, lacking);
  await fixCaseCatalog(store, {
    applicationId: app.id,
    workflow: app.workflowId,
    version: catalog.version,
    onPaper: false,
    at: event.at,
  });
  return { materialCatalogVersion: catalog.version };
}

/** ACCEPT needs every required paper; ACCEPT_WITH_DEFICIENCIES pledges exactly the missing pledgeable ones. */
function acceptanceRule(
  catalog: MaterialCatalog,
  app: ApplicationRecord,
  event: MachineEvent,
  materials: MaterialRecord[],
): void {
  const { missing } = missingOf(catalog, app.form, materials);
  const pledged = event.type === 'ACCEPT_WITH_DEFICIENCIES' ? ((event.data?.items as string[]) ?? []) : [];
  const errors: FieldError[] = [];
  pledged.forEach((code, i) => {
    const item = catalog.items.find((it) => it.code === code);
    const pointer = `/data/items/${i}`;
    if (!item) errors.push(fieldError(pointer, 'material-not-in-catalog'));
    else if (!missing.some((m) => m.code === code)) errors.push(fieldError(pointer, 'not-missing-material'));
    else if (!item.pledgeable) errors.push(fieldError(pointer, 'not-pledgeable'));
  });
  if (errors.length) throw new ContentInvalidError('pledge-items-invalid', {}, errors);
  const unlisted = missing.filter((m) => !pledged.includes(m.code)).map((m) => m.code);
  if (unlisted.length) throw new MaterialsMissingError(event.type, unlisted);
}

/** A request names papers of the case's catalog. */
function requestRule(catalog: MaterialCatalog, event: MachineEvent): void {
  const asked = (event.data?.materials as Array<{ code: string }> | undefined) ?? [];
  const errors: FieldError[] = [];
  asked.forEach(({ code }, i) => {
    if (!catalog.items.some((item) => item.code === code)) {
      errors.push(fieldError(`/data/materials/${i}/code`, 'material-not-in-catalog'));
    }
  });
  if (errors.length) throw new ContentInvalidError('materials-not-in-catalog', {}, errors);
}
