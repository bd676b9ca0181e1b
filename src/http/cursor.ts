import { fieldError } from '../errors/index.ts';
import { malformed } from './problem.ts';
import { serialId } from './request.ts';

/** Where the next page starts: the sort key and id of the last item returned. */
export interface Cursor {
  key: string;
  id: string;
}

/** What a route's ids look like: case and agreement ids are uuids, task ids whole numbers. */
export type CursorIdKind = 'uuid' | 'serial';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opaque to callers: base64url JSON. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id])).toString('base64url');
}

/**
 * Reads `?cursor=`; a cursor that was not ours is 400. Its key must be a timestamp as the service writes
 * them and its id of the route's kind: anything else would reach the database as a comparison with a value
 * of the wrong type (a 500 on PostgreSQL) or silently skip rows.
 */
export function decodeCursor(raw: string | undefined, idKind: CursorIdKind): Cursor | null {
  if (raw === undefined) return null;
  try {
    const [key, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    const idText = typeof id === 'number' ? String(id) : id;
    if (
      typeof key === 'string' &&
      isStoredTimestamp(key) &&
      typeof idText === 'string' &&
      isId(idText, idKind)
    )
      return { key, id: idText };
  } catch {
    // fall through to the 400 below
  }
  throw malformed('bad-cursor', {}, [fieldError('/query/cursor', 'unknown-cursor')]);
}

// Stored times are always `Date#toISOString()`: anything that does not round-trip was not written by us.
function isStoredTimestamp(key: string): boolean {
  const ms = Date.parse(key);
  return !Number.isNaN(ms) && new Date(ms).toISOString() === key;
}

function isId(id: string, kind: CursorIdKind): boolean {
  return kind === 'uuid' ? UUID.test(id) : serialId(id) !== null;
}
