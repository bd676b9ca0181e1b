import { createHash } from 'node:crypto';
import type { Row } from '../event-store.ts';

/** One statement, its placeholders numbered from $1. */
export interface Statement {
  text: string;
  values: unknown[];
}

/**
 * A statement of the event store as it travels, alone or in one statement with others (see
 * {@link combined}): its parts run as one, every part after the first reading the first's `returning` as
 * `$first` (a row inserted, then rows that point to it); `tables` are those it writes or reads.
 */
export interface Piece {
  parts: Statement[];
  tables: readonly string[];
}

/** Statement names by text: the same text gets the same name on every connection and every store. */
const names = new Map<string, string>();

/**
 * How many texts get a name. Held writes travel in many combinations, and each named statement stays prepared
 * on every connection for its lifetime: past this many, a new text is sent unnamed (parsed each time), so that
 * an unusual mix of events cannot grow the backends' memory without bound.
 */
const MAX_NAMED = 1000;

/** The name node-postgres prepares a statement under, once per connection; none past {@link MAX_NAMED}. */
export function nameOf(text: string): string | undefined {
  let name = names.get(text);
  if (!name && names.size < MAX_NAMED) {
    name = `zt_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

/** Renumbers a statement's `$n` placeholders after `offset` others (our own SQL carries no other `$`). */
const shifted = (text: string, offset: number) =>
  offset === 0 ? text : text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);

/**
 * One statement of several pieces: every part but the very last as a data-modifying CTE, the last as the
 * statement itself. They all see the snapshot from before the statement and run in no set order, so the caller
 * puts no two pieces on one table together, nor a write in front of a read of its table.
 */
export function combined(pieces: Piece[]): Statement {
  const parts: string[] = [];
  const values: unknown[] = [];
  for (const piece of pieces) {
    const first = `w${parts.length}`;
    for (const part of piece.parts) {
      parts.push(shifted(part.text, values.length).replaceAll('$first', first));
      values.push(...part.values);
    }
  }
  const last = parts.pop()!;
  if (parts.length === 0) return { text: last, values };
  return { text: `with ${parts.map((p, i) => `w${i} as (${p})`).join(', ')} ${last}`, values };
}

/** Knex's `?` placeholders as `$n`, leaving quoted text alone. */
export function numbered(sql: string): string {
  let n = 0;
  let quoted = false;
  let out = '';
  for (const c of sql) {
    if (c === "'") quoted = !quoted;
    out += c === '?' && !quoted ? `$${++n}` : c;
  }
  return out;
}

export const bind = (value: unknown) => (value === undefined ? null : value);

/** `insert into table …` of one row, with `tail` after the values (`on conflict …`, `returning …`). */
export function insertOf(table: string, row: Row, tail = ''): Statement {
  const columns = Object.keys(row);
  return insertRowsOf(table, columns, [columns.map((c) => bind(row[c]))], tail);
}

/**
 * `insert into table …` of several rows of the same columns, each row's values in `columns` order. They are
 * inserted in the order given, so serial ids follow it.
 */
export function insertRowsOf(table: string, columns: string[], rows: unknown[][], tail = ''): Statement {
  const tuples = rows.map(
    (_, r) => `(${columns.map((_, i) => `$${r * columns.length + i + 1}`).join(', ')})`,
  );
  return {
    text: `insert into ${table} (${columns.join(', ')}) values ${tuples.join(', ')}${tail}`,
    values: rows.flat(),
  };
}

/** `insert into table … select` of one row whose `key` column is the id `$first` returned. */
export function childInsertOf(table: string, key: string, row: Row): Statement {
  const columns = Object.keys(row);
  return {
    text:
      `insert into ${table} (${[key, ...columns].join(', ')}) ` +
      `select $first.id, ${columns.map((_, i) => `$${i + 1}`).join(', ')} from $first`,
    values: columns.map((c) => bind(row[c])),
  };
}

export function updateOf(table: string, fields: Row, where: string[], whereValues: unknown[]): Statement {
  const columns = Object.keys(fields);
  const n = columns.length;
  return {
    text:
      `update ${table} set ${columns.map((c, i) => `${c} = $${i + 1}`).join(', ')} ` +
      `where ${where.map((c, i) => `${c} = $${n + i + 1}`).join(' and ')}`,
    values: [...columns.map((c) => bind(fields[c])), ...whereValues],
  };
}
