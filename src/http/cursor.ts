import { malformed } from './problem.ts';

/** Where the next page starts: the sort key and id of the last item returned. */
export interface Cursor {
  key: string;
  id: string;
}

/** Opaque to callers: base64url JSON. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id])).toString('base64url');
}

/** Reads `?cursor=`; a cursor that was not ours is 400. */
export function decodeCursor(raw: string | undefined): Cursor | null {
  if (raw === undefined) return null;
  try {
    const [key, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    if (typeof key === 'string' && (typeof id === 'string' || typeof id === 'number'))
      return { key, id: String(id) };
  } catch {
    // fall through to the 400 below
  }
  throw malformed('cursor is not one this service handed out; start again without it', [
    { pointer: '/query/cursor', detail: 'unknown cursor' },
  ]);
}
