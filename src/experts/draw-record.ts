/**
 * The draw as the case's record holds it, and its re-run: the audit chain carries each draw's seed, roster
 * snapshot, filters and panel (`PANEL_DRAWN`) and each replacement (`RECUSED`, an upheld `OBJECTION_DECIDED`),
 * so anyone with the record recomputes the same panel (src/experts/draw.ts).
 */
import type { Knex } from 'knex';
import type { ColumnReader } from '../db/index.ts';
import { toAudit } from '../engine/records.ts';
import { drawOrder, eligibleIds, type DrawFilters, type RosterEntry } from './draw.ts';

/** What a `PANEL_DRAWN` event records. */
export interface DrawData {
  seed: string;
  algorithm: string;
  size: number;
  filters: DrawFilters;
  roster: RosterEntry[];
  eligible: string[];
  panel: string[];
}

/** One draw with its replacements, as recorded. */
export interface RecordedDraw {
  seq: number;
  at: string;
  draw: DrawData;
  replacements: Array<{ seq: number; expert: string; replacement: string; pick: number; because: string }>;
}

/** Every draw of a review in order, each with the replacements drawn from it. */
export async function recordedDraws(
  knex: Knex | Knex.Transaction,
  reader: ColumnReader,
  caseId: string,
): Promise<RecordedDraw[]> {
  const rows = await knex('audit_events')
    .where({ application_id: caseId })
    .whereIn('type', ['PANEL_DRAWN', 'RECUSED', 'OBJECTION_DECIDED'])
    .orderBy('seq');
  const draws: RecordedDraw[] = [];
  for (const row of rows) {
    const record = toAudit(row, reader);
    const data = (record.data ?? {}) as Record<string, unknown>;
    if (record.type === 'PANEL_DRAWN') {
      draws.push({ seq: record.seq, at: record.at, draw: data as unknown as DrawData, replacements: [] });
    } else if (typeof data.replacement === 'string' && draws.length) {
      draws[draws.length - 1]!.replacements.push({
        seq: record.seq,
        expert: String(data.expert),
        replacement: data.replacement,
        pick: Number(data.pick),
        because: record.type === 'RECUSED' ? 'recused' : 'objection-upheld',
      });
    }
  }
  return draws;
}

/** The next replacement of the current draw: the pick after the panel and the replacements so far. */
export function nextReplacement(current: RecordedDraw): { replacement: string; pick: number } | null {
  const pick = current.draw.size + current.replacements.length;
  const order = drawOrder(current.draw.seed, current.draw.eligible, pick + 1);
  return order.length > pick ? { replacement: order[pick]!, pick } : null;
}

/** The re-run of one recorded draw: the eligible list, the panel and the replacements recomputed, compared. */
export function rerun(recorded: RecordedDraw) {
  const eligible = eligibleIds(recorded.draw.roster, recorded.draw.filters);
  const order = drawOrder(recorded.draw.seed, eligible, recorded.draw.size + recorded.replacements.length);
  const panel = order.slice(0, recorded.draw.size);
  const replacements = recorded.replacements.map((r) => order[r.pick] ?? null);
  const matches =
    same(eligible, recorded.draw.eligible) &&
    same(panel, recorded.draw.panel) &&
    recorded.replacements.every((r, i) => replacements[i] === r.replacement);
  return { eligible, panel, replacements, matches };
}

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((value, i) => value === b[i]);
