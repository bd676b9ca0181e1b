/**
 * The exchange's two written forms: an NDJSON line per record (its cursor, table and the standard's fields),
 * and CSV per table with the standard's field names as the header.
 */
import { toCsv } from '../metrics/csv.ts';
import type { StoredRecord } from './store.ts';

/** One NDJSON line: resume the export after the last line's `cursor`. */
export function exportLine(record: StoredRecord): {
  cursor: string;
  table: string;
  record: Record<string, unknown>;
} {
  return { cursor: String(record.id), table: record.table, record: record.fields };
}

/** The records of one table as CSV; the columns are the fields in the order the records carry them. */
export function tableCsv(records: readonly StoredRecord[]): string {
  const columns = [...new Set(records.flatMap((r) => Object.keys(r.fields)))];
  return toCsv(
    columns,
    records.map((r) => r.fields),
  );
}
