import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Database } from '../db/index.ts';
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

/** The case's demands as its record stands, read in the caller's transaction. */
export async function demandsIn(db: Database, trx: Knex.Transaction, applicationId: string) {
  return demandsOf(await demandEntriesOf(db, trx, applicationId));
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
  deps: { db: Database; engine: Engine },
  app: ApplicationRecord,
  material: NewMaterial,
  actor: Actor,
): Promise<MaterialRecord> {
  const { db, engine } = deps;
  const id = randomUUID();
  return db.knex.transaction(async (trx) => {
    let demands: MaterialDemands | undefined;
    const after = await engine.recordInTransaction(
      trx,
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
      async (locked) => {
        demands = await demandsIn(db, trx, locked.id);
        checkWindow(locked, handInWindow(locked, demands), material.code, 'MATERIAL_ADDED');
      },
    );
    const record: MaterialRecord = {
      ...material,
      id,
      applicationId: app.id,
      uploadedAt: after.updatedAt,
      addedSeq: after.version,
    };
    await trx('materials').insert(materialRow(record));
    if (demands && demands.pledged.has(material.code) && !demands.requestOpen) {
      const missing = outstanding(demands, await materialsOf(trx, app.id));
      if (!missing.length) {
        await engine.applyInTransaction(trx, {
          applicationId: app.id,
          event: { type: 'SUPPLEMENT', data: { pledgeFulfilled: [...demands.pledged.keys()] } },
          actor,
          onBehalfOf: material.onBehalfOf,
        });
      }
    }
    return record;
  });
}

/** Removes a material from a case, recorded as `MATERIAL_REMOVED`, while the case takes that code. */
export async function removeMaterial(
  deps: { db: Database; engine: Engine },
  material: MaterialRecord,
  actor: Actor,
  onBehalfOf: string | null,
): Promise<void> {
  const { db, engine } = deps;
  await db.knex.transaction(async (trx) => {
    await engine.recordInTransaction(
      trx,
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
      async (locked) => {
        const demands = await demandsIn(db, trx, locked.id);
        checkWindow(locked, handInWindow(locked, demands), material.code, 'MATERIAL_REMOVED');
      },
    );
    // The blob stays while any case references it; the sweep takes it a day after the last reference goes.
    await trx('materials').where({ id: material.id }).del();
  });
}
