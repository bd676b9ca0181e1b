import fs from 'node:fs';
import type { Knex } from 'knex';
import type { ColumnReader, Database } from '../db/index.ts';
import type { Checklist, ChecklistBody } from './types.ts';

/** The first version shipped with the service (db/seeds/checklist.json). */
export function seedChecklist(): ChecklistBody {
  return JSON.parse(fs.readFileSync(new URL('../../db/seeds/checklist.json', import.meta.url), 'utf8'));
}

/**
 * The checklist version in force, read from the database at the moment of use (inside the caller's transaction
 * when there is one), so that every instance charges from the same published list.
 */
export async function currentChecklist(db: Database, trx?: Knex.Transaction): Promise<Checklist> {
  const row = await (trx ?? db.knex)('checklist_versions').orderBy('version', 'desc').first();
  if (!row) throw new Error('no checklist has been published; run the seeds (npm run migrate)');
  return toChecklist(db, row);
}

/** A given version, for fees assessed under it. */
export async function checklistVersion(db: Database, version: number): Promise<Checklist | null> {
  const row = await db.knex('checklist_versions').where({ version }).first();
  return row ? toChecklist(db, row) : null;
}

/** Publishes a new version; earlier assessments keep theirs. */
export async function publishChecklist(
  db: Database,
  body: ChecklistBody,
  publishedBy: string,
  at: Date,
): Promise<Checklist> {
  return db.knex.transaction(async (trx) => {
    const last = await trx('checklist_versions').max({ v: 'version' }).first();
    const version = db.dialect.readNumber(last?.v) + 1;
    const row = {
      version,
      published_at: at.toISOString(),
      published_by: publishedBy,
      body: JSON.stringify(body),
    };
    await trx('checklist_versions').insert(row);
    // The body as an object: PostgreSQL's readJson takes what the driver returns (parsed jsonb), not a string.
    return toChecklist(db, { ...row, body });
  });
}

function toChecklist(db: Database, row: Record<string, unknown>): Checklist {
  return checklistFromRow(db.dialect, row);
}

/** A `checklist_versions` row as a checklist (the engine reads it through its own store). */
export function checklistFromRow(dialect: ColumnReader, row: Record<string, unknown> | undefined): Checklist {
  if (!row) throw new Error('no checklist has been published; run the seeds (npm run migrate)');
  const body = dialect.readJson<ChecklistBody>(row.body);
  return { version: Number(row.version), publishedAt: String(row.published_at), ...body };
}
