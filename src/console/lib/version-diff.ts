/**
 * What a new version of a published list (the checklist's fees and inspections, a material catalog's items)
 * changes against the version in force, item by item (matched by `code`) and field by field, so an
 * administrator sees what will change before publishing it.
 */

/** An item of a published list: every list keys its items by a stable code. */
export interface Coded {
  code: string;
}

/** One field of an item whose value changes. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** One item the new version adds, removes or changes (unchanged items are left out). */
export type ItemChange<T extends Coded> =
  | { kind: 'added'; code: string; item: T }
  | { kind: 'removed'; code: string; item: T }
  | { kind: 'changed'; code: string; item: T; fields: FieldChange[] };

/** A value's canonical JSON text: the order of an object's keys does not make a change. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The fields whose values differ between two versions of one item, in the order the fields first appear. */
export function fieldChanges(before: object, after: object): FieldChange[] {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields
    .filter((field) => canonical(b[field]) !== canonical(a[field]))
    .map((field) => ({ field, before: b[field], after: a[field] }));
}

/** The changes from `before` to `after`: removed and changed items in the old order, then the added ones. */
export function diffItems<T extends Coded>(before: readonly T[], after: readonly T[]): ItemChange<T>[] {
  const next = new Map(after.map((item) => [item.code, item]));
  const old = new Set(before.map((item) => item.code));
  const changes: ItemChange<T>[] = [];
  for (const item of before) {
    const now = next.get(item.code);
    if (!now) {
      changes.push({ kind: 'removed', code: item.code, item });
      continue;
    }
    const fields = fieldChanges(item, now);
    if (fields.length) changes.push({ kind: 'changed', code: item.code, item: now, fields });
  }
  for (const item of after) {
    if (!old.has(item.code)) changes.push({ kind: 'added', code: item.code, item });
  }
  return changes;
}
