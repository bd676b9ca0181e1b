import { randomUUID } from 'node:crypto';
import type { Database, EventStore } from '../db/index.ts';
import type { Engine } from '../engine/engine.ts';
import type { Actor, ApplicationRecord } from '../engine/records.ts';
import { EventNotAllowedError, word, type ProblemCode, type WordParams } from '../errors/index.ts';
import { demandsOf, outstanding, type MaterialDemands } from './case-demands.ts';
import { demandEntriesOf } from './case-rules.ts';
import { materialRow, materialsOf } from './material-store.ts';
import type { MaterialRecord } from './types.ts';

/** Which codes a case takes materials for now: all of them, the pledged ones only, or none. */
export type HandInWindow =
  { open: 'all' } | { open: 'pledged'; codes: ReadonlySet<string> } | { open: 'none' };

/**
 * While a draft or while supplementing, any item; while a pledge is open (even suspended), the pledged items;
 * otherwise none (docs/api.md, Materials).
 */
export function handInWindow(app: ApplicationRecord, demands: MaterialDemands): HandInWindow {
  if (app.concludedAt) return { open: 'none' };
  if (app.status === 'draft' || app.status === 'supplementing') return { open: 'all' };
  if (demands.pledged.size) return { open: 'pledged', codes: new Set(demands.pledged.keys()) };
  return { open: 'none' };
}

/**
 * A hand-in or removal the case does not take now: an event that is not allowed (409 `event-not-allowed`),
 * with a code of its own, so that a reader learns which materials are taken and when.
 */
class HandInClosedError extends EventNotAllowedError {
  override readonly code: ProblemCode;
  override readonly params: WordParams;
  constructor(app: ApplicationRecord, what: string, pledged: readonly string[] | null) {
    const code = pledged ? 'only-pledged-materials' : 'materials-not-taken-now';
    const params = { event: what, status: app.status, ...(pledged ? { materials: pledged } : {}) };
    super(what, app.state, app.status, word(code, params));
    this.code = code;
    this.params = params;
  }
}

/** Refuses (409) a hand-in or removal of `code` that the case does not take now. */
export function checkWindow(app: ApplicationRecord, window: HandInWindow, code: string, what: string): void {
  if (window.open === 'all') return;
  if (window.open === 'pledged' && window.codes.has(code)) return;
  throw new HandInClosedError(app, what, window.open === 'pledged' ? [...window.codes] : null);
}

/** The case's demands as its record stands (inside an act through its store). */
export async function demandsIn(from: Database | EventStore, applicationId: string) {
  return demandsOf(await demandEntriesOf(from, applicationId));
}

/** A material to add: its content (a stored blob or a cited licence) and where it came from. */
export type NewMaterial = Omit<MaterialRecord, 'id' | 'applicationId' | 'addedSeq' | 'uploadedAt'>;

/**
 * Adds a material to a case in one transaction: the audit record `MATERIAL_ADDED` (carrying code, hash, size
 * and type) and the row, after checking with the case locked that it takes this code now. If that completes
 * an open pledge and no request waits, the engine sends SUPPLEMENT for the applicant: the pledge timer is
 * cancelled and the delivery recorded (the machines' own event for pledged papers arriving).
 */
export async function addMaterial(
  deps: { engine: Engine },
  app: ApplicationRecord,
  material: NewMaterial,
  actor: Actor,
): Promise<MaterialRecord> {
  const { engine } = deps;
  const id = randomUUID();
  let demands: MaterialDemands | undefined;
  let record: MaterialRecord | undefined;
  await engine.record(
    {
      applicationId: app.id,
      type: 'MATERIAL_ADDED',
      actor,
      onBehalfOf: material.onBehalfOf,
      data: {
        materialId: id,
        code: material.code,
        sha256: material.sha256,
        bytes: material.bytes,
        mediaType: material.mediaType,
        ...(material.fileName ? { fileName: material.fileName } : {}),
        ...(material.licence ? { licence: material.licence } : {}),
        ...(material.reusedFrom ? { reusedFrom: material.reusedFrom } : {}),
      },
    },
    {
      async guard(store, locked) {
        demands = await demandsIn(store, locked.id);
        checkWindow(locked, handInWindow(locked, demands), material.code, 'MATERIAL_ADDED');
      },
      async after(store, recorded) {
        record = {
          ...material,
          id,
          applicationId: app.id,
          uploadedAt: recorded.updatedAt,
          addedSeq: recorded.version,
        };
        await store.insert('materials', materialRow(record));
        if (!demands?.pledged.has(material.code) || demands.requestOpen) return;
        if (outstanding(demands, await materialsOf(store, app.id)).length) return;
        await engine.sendWith(store, {
          applicationId: app.id,
          event: { type: 'SUPPLEMENT', data: { pledgeFulfilled: [...demands.pledged.keys()] } },
          actor,
          onBehalfOf: material.onBehalfOf,
        });
      },
    },
  );
  return record!;
}

/** Removes a material from a case, recorded as `MATERIAL_REMOVED`, while the case takes that code. */
export async function removeMaterial(
  deps: { engine: Engine },
  material: MaterialRecord,
  actor: Actor,
  onBehalfOf: string | null,
): Promise<void> {
  await deps.engine.record(
    {
      applicationId: material.applicationId,
      type: 'MATERIAL_REMOVED',
      actor,
      onBehalfOf,
      data: {
        materialId: material.id,
        code: material.code,
        sha256: material.sha256,
        bytes: material.bytes,
        mediaType: material.mediaType,
      },
    },
    {
      async guard(store, locked) {
        const demands = await demandsIn(store, locked.id);
        checkWindow(locked, handInWindow(locked, demands), material.code, 'MATERIAL_REMOVED');
      },
      // The blob stays while any case references it; the sweep takes it a day after the last reference goes.
      after: (store) =>
        store.query('delete from materials where id = ?', [material.id]).then(() => undefined),
    },
  );
}
