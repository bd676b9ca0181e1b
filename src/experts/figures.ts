/**
 * The pre-review figures (issue 15, item 6): reviews decided per year and month, passed, pass rate, reasons
 * for rejection by industry, and the mean working days from the batch cut-off to the decision. A review
 * counts in the month (Asia/Shanghai) of its decision; withdrawn and lapsed proposals are not decisions.
 */
import { dayFromCivil, shanghaiMonth, startOfDay, type WorkingCalendar } from '../calendar/index.ts';
import type { Database } from '../db/index.ts';

/** The figures of one period. */
export interface ReviewPeriod {
  reviews: number;
  passed: number;
  passedWithConditions: number;
  rejected: number;
  /** Passed (with or without conditions) ÷ reviews; null without reviews. */
  passRate: number | null;
  /** Mean working days from the cut-off to the decision; null without reviews. */
  meanWorkingDaysToDecision: number | null;
}

/** `GET /api/v1/investment-reviews/figures?year=`. */
export interface ReviewFigures extends ReviewPeriod {
  year: number;
  months: Array<ReviewPeriod & { month: string }>;
  rejectionReasons: Array<{ industry: string; reason: string; count: number }>;
}

interface DecidedRow {
  industry: string;
  outcome: string;
  cutOffAt: string;
  decidedAt: string;
  reasons: string[];
}

async function decidedBetween(db: Database, from: Date, to: Date): Promise<DecidedRow[]> {
  const rows = await db
    .knex('investment_reviews')
    .whereIn('outcome', ['passed', 'passed-with-conditions', 'rejected'])
    .where('decided_at', '>=', from.toISOString())
    .where('decided_at', '<', to.toISOString())
    .orderBy('decided_at');
  return rows.map((r: Record<string, unknown>) => ({
    industry: String(r.industry),
    outcome: String(r.outcome),
    cutOffAt: String(r.cut_off_at),
    decidedAt: String(r.decided_at),
    reasons: typeof r.reasons === 'string' ? (JSON.parse(r.reasons) as string[]) : [],
  }));
}

function period(rows: readonly DecidedRow[], calendar: WorkingCalendar): ReviewPeriod {
  const count = (outcome: string) => rows.filter((r) => r.outcome === outcome).length;
  const passed = count('passed') + count('passed-with-conditions');
  const days = rows.map((r) => calendar.elapsed(r.cutOffAt, r.decidedAt));
  return {
    reviews: rows.length,
    passed,
    passedWithConditions: count('passed-with-conditions'),
    rejected: count('rejected'),
    passRate: rows.length ? round(passed / rows.length, 4) : null,
    meanWorkingDaysToDecision: rows.length ? round(days.reduce((a, b) => a + b, 0) / rows.length, 2) : null,
  };
}

/** The year's figures, with each of its twelve months and the reasons for rejection by industry. */
export async function reviewFigures(
  db: Database,
  calendar: WorkingCalendar,
  year: number,
): Promise<ReviewFigures> {
  const rows = await decidedBetween(
    db,
    startOfDay(dayFromCivil(year, 1, 1)),
    startOfDay(dayFromCivil(year + 1, 1, 1)),
  );
  const months = Array.from({ length: 12 }, (_, i) => {
    const month = `${year}-${String(i + 1).padStart(2, '0')}`;
    return {
      month,
      ...period(
        rows.filter((r) => shanghaiMonth(r.decidedAt) === month),
        calendar,
      ),
    };
  });
  const reasons = new Map<string, { industry: string; reason: string; count: number }>();
  for (const row of rows.filter((r) => r.outcome === 'rejected')) {
    for (const reason of row.reasons) {
      const key = `${row.industry}\u0000${reason}`;
      const entry = reasons.get(key) ?? { industry: row.industry, reason, count: 0 };
      entry.count += 1;
      reasons.set(key, entry);
    }
  }
  return {
    year,
    ...period(rows, calendar),
    months,
    rejectionReasons: [...reasons.values()].sort(
      (a, b) => a.industry.localeCompare(b.industry) || b.count - a.count || a.reason.localeCompare(b.reason),
    ),
  };
}

/** One month's figures (`YYYY-MM`), for the monthly bulletin. */
export async function reviewMonth(
  db: Database,
  calendar: WorkingCalendar,
  month: string,
): Promise<ReviewPeriod & { month: string }> {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const from = startOfDay(dayFromCivil(year, m, 1));
  const to = startOfDay(dayFromCivil(m === 12 ? year + 1 : year, m === 12 ? 1 : m + 1, 1));
  return { month, ...period(await decidedBetween(db, from, to), calendar) };
}

/** Every decided review so far, for the gauges on /metrics. */
export async function reviewTotals(db: Database): Promise<{ decided: number; passed: number }> {
  const rows = await db
    .knex('investment_reviews')
    .whereIn('outcome', ['passed', 'passed-with-conditions', 'rejected'])
    .groupBy('outcome')
    .select('outcome', db.knex.raw('count(*) as n'));
  const n = (outcome: string) =>
    db.dialect.readNumber(rows.find((r: Record<string, unknown>) => r.outcome === outcome)?.n);
  return {
    decided: n('passed') + n('passed-with-conditions') + n('rejected'),
    passed: n('passed') + n('passed-with-conditions'),
  };
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
