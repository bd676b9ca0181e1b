/** Formatting of the figures `npm run bench` prints: one line per figure, ratios, and the targets. */
import type { LoadResult } from './http-load.ts';

/** A number with thousands separators and `digits` decimals. */
export function num(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Milliseconds with one decimal. */
export function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}

/** A ratio as `2.35×`. */
export function ratio(value: number): string {
  return `${value.toFixed(2)}×`;
}

/** `label ........ figures`, so the figures line up. */
export function line(label: string, figures: string): string {
  return `${label.padEnd(70, ' ')} ${figures}`;
}

/** transitions/s, p50 and p99 of a load run. */
export function loadFigures(result: LoadResult): string {
  return `${num(result.perSecond).padStart(6)} transitions/s   p50 ${ms(result.p50)}   p99 ${ms(result.p99)}`;
}

/** Answers by status, most frequent first: `11,940 × 429, 60 × 401`. */
export function statusCounts(statuses: Record<string, number>): string {
  const entries = Object.entries(statuses).sort(([, a], [, b]) => b - a);
  return entries.length ? entries.map(([status, n]) => `${num(n)} × ${status}`).join(', ') : 'none';
}

/** What went wrong in a run, or null when every answer was 200 and every case reached the issuing state. */
export function loadProblems(
  result: LoadResult,
  check: { cases: number; issuing: number; others: string[] },
): string | null {
  const problems: string[] = [];
  const bad = Object.entries(result.statuses).filter(([status]) => status !== '200');
  if (bad.length) {
    problems.push(`answers other than 200: ${bad.map(([s, n]) => `${n} × ${s}`).join(', ')}`);
    for (const u of result.unexpected) problems.push(`  e.g. ${u.request} → ${u.status} ${u.body}`);
  }
  if (check.issuing !== check.cases) {
    problems.push(`only ${check.issuing} of ${check.cases} cases reached the issuing state (approvals lost)`);
    for (const other of check.others) problems.push(`  e.g. ${other}`);
  }
  return problems.length ? problems.join('\n') : null;
}

/** One target of issue 6 and whether this run met it. */
export interface Target {
  name: string;
  met: boolean | null;
  figure: string;
}

/** The closing block. */
export function targetsBlock(targets: Target[]): string {
  const lines = ['Targets'];
  for (const t of targets) {
    const verdict = t.met === null ? 'not measured' : t.met ? 'met' : 'NOT MET';
    lines.push(`  ${`[${verdict}]`.padEnd(16)} ${t.name.padEnd(48)} ${t.figure}`);
  }
  return lines.join('\n');
}
