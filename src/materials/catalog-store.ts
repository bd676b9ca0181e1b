import fs from 'node:fs';
import type { Knex } from 'knex';
import { type ColumnReader, type Database, type EventStore, storeOf } from '../db/index.ts';
import type { MaterialCatalog, MaterialCatalogBody } from './types.ts';

/** The first catalogs shipped with the service (db/seeds/materials.json), keyed by workflow. */
export function seedMaterialCatalogs(): Record<string, MaterialCatalogBody> {
  return JSON.parse(fs.readFileSync(new URL('../../db/seeds/materials.json', import.meta.url), 'utf8'));
}

/** The catalog version in force for a workflow (inside an event through its store), or null. */
export async function currentCatalog(
  from: Database | EventStore,
  workflow: string,
): Promise<MaterialCatalog | null> {
  const store = storeOf(from);
  const sql = 'select * from material_catalogs where workflow = ? order by version desc limit 1';
  const [row] = await store.query(sql, [workflow]);
  return row ? catalogFromRow(store.dialect, row) : null;
}

/** A given version, for the cases held to it. */
export async function catalogVersion(
  from: Database | EventStore,
  workflow: string,
  version: number,
): Promise<MaterialCatalog | null> {
  const store = storeOf(from);
  const sql = 'select * from material_catalogs where workflow = ? and version = ?';
  const [row] = await store.query(sql, [workflow, version]);
  return row ? catalogFromRow(store.dialect, row) : null;
}

/** Publishes a new version; cases already submitted keep theirs. */
export async function publishCatalog(
  db: Database,
  workflow: string,
  body: MaterialCatalogBody,
  publishedBy: string,
  at: Date,
): Promise<MaterialCatalog> {
  return db.knex.transaction(async (trx) => {
    const last = await trx('material_catalogs').where({ workflow }).max({ v: 'version' }).first();
    const version = db.dialect.readNumber(last?.v ?? 0) + 1;
    const row = {
      workflow,
      version,
      published_at: at.toISOString(),
      published_by: publishedBy,
      body: JSON.stringify(body),
    };
    await trx('material_catalogs').insert(row);
    return catalogFromRow(db.dialect, { ...row, body });
  });
}

/** Seeds the shipped catalog of every workflow that has none; returns the workflows seeded. */
export async function seedCatalogs(knex: Knex, now: Date): Promise<string[]> {
  const seeded: string[] = [];
  for (const [workflow, body] of Object.entries(seedMaterialCatalogs())) {
    if (await knex('material_catalogs').where({ workflow }).first('version')) continue;
    await knex('material_catalogs')
      .insert({
        workflow,
        version: 1,
        published_at: now.toISOString(),
        published_by: 'seed',
        body: JSON.stringify(body),
      })
      .onConflict(['workflow', 'version'])
      .ignore();
    seeded.push(workflow);
  }
  return seeded;
}

function catalogFromRow(dialect: ColumnReader, row: Record<string, unknown>): MaterialCatalog {
  const body = dialect.readJson<MaterialCatalogBody>(row.body);
  return {
    workflow: String(row.workflow),
    version: Number(row.version),
    publishedAt: String(row.published_at),
    ...body,
  };
}
