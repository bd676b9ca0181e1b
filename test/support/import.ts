import type { Database } from '../../src/db/index.ts';

/** Tables a case writes to: a refused import line must leave every one of them as it was. */
const CASE_TABLES = ['applications', 'audit_events', 'tasks', 'timers', 'outbox'] as const;

/** How many rows each table a case writes to holds. */
export async function rowCounts(db: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of CASE_TABLES) {
    const row = await db.knex(table).count({ n: '*' }).first();
    counts[table] = Number(row?.n ?? 0);
  }
  return counts;
}

/** NDJSON text from line values: objects are serialised, strings go in as they are (blank or broken lines). */
export function ndjson(lines: unknown[]): string {
  return lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n') + '\n';
}

/** Parses an NDJSON answer into its objects. */
export function parseNdjson(text: string): any[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}
