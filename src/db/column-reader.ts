/**
 * How column values read back from each database become JavaScript values: the same row comes back with
 * different types from SQLite and from PostgreSQL.
 */
export interface ColumnReader {
  /** JSON columns come back as text from SQLite and parsed from PostgreSQL. */
  readJson<T>(value: unknown): T;
  /** Booleans come back as 0/1 from SQLite. */
  readBool(value: unknown): boolean;
  /** Counts and sums come back as strings (bigint) from PostgreSQL. */
  readNumber(value: unknown): number;
}

/** A boolean as either database returns it (true, 1, '1' or 't'); both readers share it. */
export function readBool(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't';
}

/** A number as either database returns it (a number, or a bigint's string); null reads as 0. */
export function readNumber(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}
