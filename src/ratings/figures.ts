/**
 * The published figures of the ratings (国办发〔2019〕51号: results are published), per department and per item
 * (workflow), for a calendar month in Asia/Shanghai. Counted: ratings given by a rater in the month, neither
 * default nor excluded after an appeal; the rater never appears. Definitions (docs/domain.md, Ratings):
 * satisfaction rate = ratings of level 1–2 ÷ ratings counted; rectified on time = bad ratings (4–5) of the
 * month whose follow-up answered the rater by its due date ÷ bad ratings of the month (open ones count as not
 * yet rectified).
 */
import type { Knex } from 'knex';
import { civilFromDay, dayFromCivil, isoToDay, startOfDay } from '../calendar/index.ts';
import type { Database } from '../db/index.ts';
import type { WorkflowRegistry } from '../engine/registry.ts';
import { BAD_LEVELS, SATISFIED_LEVELS } from './levels.ts';

/** One department's or item's figures for the month. */
export interface RatingFiguresRow {
  group: string;
  name: string;
  ratings: number;
  satisfied: number;
  /** Level 3 (基本满意). */
  neutral: number;
  bad: number;
  /** Satisfied ÷ ratings, 4 decimals; null without ratings. */
  satisfactionRate: number | null;
  /** Bad ratings whose follow-up answered the rater, and those answered by the due date. */
  badAnswered: number;
  badRectifiedOnTime: number;
  /** Bad ratings rectified on time ÷ bad ratings, 4 decimals; null without bad ratings. */
  rectifiedOnTimeRate: number | null;
}

/** `GET /api/v1/ratings/figures` and the ratings of the monthly bulletin. */
export interface RatingFigures {
  month: string;
  from: string;
  to: string;
  departments: RatingFiguresRow[];
  workflows: RatingFiguresRow[];
  /** Ratings of the month left out of every figure: defaults (no rating given) and excluded after appeal. */
  notCounted: { defaults: number; excluded: number };
}

/** The month `YYYY-MM` containing an Asia/Shanghai date `YYYY-MM-DD`, with its bounds (`to` exclusive). */
export function monthBounds(day: string): { month: string; from: string; to: string } {
  const { year, month } = civilFromDay(isoToDay(day));
  const from = startOfDay(dayFromCivil(year, month, 1)).toISOString();
  const to = startOfDay(dayFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1));
  return { month: day.slice(0, 7), from, to: to.toISOString() };
}

/** The figures of the month containing `day` (YYYY-MM-DD, Asia/Shanghai). */
export async function ratingFigures(
  db: Database,
  registry: WorkflowRegistry,
  day: string,
): Promise<RatingFigures> {
  const bounds = monthBounds(day);
  const knex = db.knex;
  const inMonth = () =>
    knex('ratings').where('rated_at', '>=', bounds.from).where('rated_at', '<', bounds.to);
  const counted = () => inMonth().where('is_default', false).where('excluded', false);
  const [byDepartment, byWorkflow, left, departments] = await Promise.all([
    counted()
      .groupBy('department')
      .select('department as grp', ...sums(knex)),
    counted()
      .groupBy('workflow_id')
      .select('workflow_id as grp', ...sums(knex)),
    inMonth()
      .where((q) => q.where('is_default', true).orWhere('excluded', true))
      .select(
        knex.raw('sum(case when is_default then 1 else 0 end) as defaults'),
        knex.raw('sum(case when excluded then 1 else 0 end) as excluded'),
      ),
    knex('departments').select('code', 'name'),
  ]);
  const departmentNames = new Map(departments.map((d: { code: string; name: string }) => [d.code, d.name]));
  const read = (value: unknown) => db.dialect.readNumber(value);
  const rowOf = (name: (group: string) => string) => (r: Record<string, unknown>) => {
    const group = String(r.grp);
    const ratings = read(r.ratings);
    const satisfied = read(r.satisfied);
    const bad = read(r.bad);
    const onTime = read(r.on_time);
    return {
      group,
      name: name(group),
      ratings,
      satisfied,
      neutral: read(r.neutral),
      bad,
      satisfactionRate: ratings ? round(satisfied / ratings) : null,
      badAnswered: read(r.answered),
      badRectifiedOnTime: onTime,
      rectifiedOnTimeRate: bad ? round(onTime / bad) : null,
    };
  };
  const byGroup = (a: RatingFiguresRow, b: RatingFiguresRow) => a.group.localeCompare(b.group);
  return {
    ...bounds,
    departments: byDepartment.map(rowOf((code) => departmentNames.get(code) ?? code)).sort(byGroup),
    workflows: byWorkflow.map(rowOf((id) => (registry.has(id) ? registry.get(id).title : id))).sort(byGroup),
    notCounted: { defaults: read(left[0]?.defaults), excluded: read(left[0]?.excluded) },
  };
}

function sums(knex: Knex) {
  const satisfied = SATISFIED_LEVELS.join(', ');
  const bad = BAD_LEVELS.join(', ');
  return [
    knex.raw('count(*) as ratings'),
    knex.raw(`sum(case when level in (${satisfied}) then 1 else 0 end) as satisfied`),
    knex.raw(
      `sum(case when level not in (${satisfied}) and level not in (${bad}) then 1 else 0 end) as neutral`,
    ),
    knex.raw(`sum(case when level in (${bad}) then 1 else 0 end) as bad`),
    knex.raw(
      `sum(case when level in (${bad}) and rectified_on_time is not null then 1 else 0 end) as answered`,
    ),
    knex.raw(`sum(case when level in (${bad}) and rectified_on_time then 1 else 0 end) as on_time`),
  ];
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;
