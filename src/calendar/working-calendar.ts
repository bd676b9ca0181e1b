import {
  dayFromCivil,
  dayToIso,
  endOfDay,
  isIsoDate,
  isoToDay,
  shanghaiDay,
  weekday,
  yearOfDay,
} from './shanghai-time.ts';
import type { Day } from './shanghai-time.ts';

/** One holiday of a published year, as the State Council notice lists it. */
export interface HolidayEntry {
  name: string;
  daysOff: string[];
  makeUpWorkdays: string[];
}

/** Published holiday calendars keyed by year ('2025'), as in db/seeds/cn-working-calendar.json. */
export type CalendarYears = Record<string, HolidayEntry[]>;

/** Years outside this range are refused: dates must fit 'YYYY-MM-DD'. */
const MIN_YEAR = 1000;
const MAX_YEAR = 9999;

/** Working-day flags for one year plus running counts, so spans cost O(years) rather than O(days). */
interface YearTable {
  readonly first: Day;
  readonly working: Uint8Array;
  /** prefix[i] = working days among the year's first i days; prefix[length] is the year's total. */
  readonly prefix: Uint16Array;
}

function buildTable(year: number, holidays: readonly HolidayEntry[] = []): YearTable {
  const first = dayFromCivil(year, 1, 1);
  const length = dayFromCivil(year + 1, 1, 1) - first;
  const working = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    const wd = weekday(first + i);
    working[i] = wd === 0 || wd === 6 ? 0 : 1;
  }
  for (const holiday of holidays) {
    for (const date of holiday.daysOff) working[isoToDay(date) - first] = 0;
    for (const date of holiday.makeUpWorkdays) working[isoToDay(date) - first] = 1;
  }
  const prefix = new Uint16Array(length + 1);
  for (let i = 0; i < length; i++) prefix[i + 1] = prefix[i]! + working[i]!;
  return { first, working, prefix };
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`year out of the supported range ${MIN_YEAR}–${MAX_YEAR}: ${year}`);
  }
}

function toDay(at: Day | Date | string): Day {
  if (typeof at !== 'number') return shanghaiDay(at);
  if (!Number.isInteger(at)) throw new RangeError(`a day number must be an integer: ${at}`);
  return at;
}

/**
 * Mainland China working days: Monday–Friday unless a published year lists the date as a day off,
 * Saturday/Sunday only when listed as a make-up workday. Years nobody published are counted on
 * weekends alone; callers use {@link WorkingCalendar.unpublishedYears} to mark such figures provisional.
 */
export class WorkingCalendar {
  readonly #published = new Map<number, YearTable>();
  // Weekend-only tables for unpublished years, built on first use and dropped when the year is published.
  readonly #weekendOnly = new Map<number, YearTable>();

  /** Builds a calendar from published years; throws RangeError if any year fails {@link validateYear}. */
  constructor(years: CalendarYears = {}) {
    for (const [key, holidays] of Object.entries(years)) {
      if (!/^\d{4}$/.test(key))
        throw new RangeError(`calendar year key must be 'YYYY': ${JSON.stringify(key)}`);
      this.publish(Number(key), holidays);
    }
  }

  /** Replaces `year`'s holidays in memory; throws RangeError listing the problems if the data is invalid. */
  publish(year: number, holidays: HolidayEntry[]): void {
    const problems = WorkingCalendar.validateYear(year, holidays);
    if (problems.length > 0) throw new RangeError(`calendar ${year} rejected: ${problems.join('; ')}`);
    this.#published.set(year, buildTable(year, holidays));
    this.#weekendOnly.delete(year);
  }

  /** Whether `year` has a published holiday calendar. */
  isPublished(year: number): boolean {
    return this.#published.has(year);
  }

  /** The published years, ascending. */
  publishedYears(): number[] {
    return [...this.#published.keys()].sort((a, b) => a - b);
  }

  /** Whether a day (day number, 'YYYY-MM-DD', or an instant's Shanghai date) is a working day. */
  isWorkingDay(day: Day | string): boolean {
    const d = toDay(day);
    const table = this.#table(yearOfDay(d));
    return table.working[d - table.first] === 1;
  }

  /** Working days d with date(a) < d ≤ date(b); 0 when date(b) ≤ date(a). */
  elapsed(a: Date | string, b: Date | string): number {
    const from = shanghaiDay(a);
    const to = shanghaiDay(b);
    return to <= from ? 0 : this.#countThrough(from + 1, to);
  }

  /** The date ('YYYY-MM-DD') of the n-th working day after date(from); n = 0 gives date(from) itself. */
  addWorkingDays(from: Date | string, n: number): string {
    return dayToIso(this.#advance(shanghaiDay(from), n));
  }

  /** The deadline n working days after `from`: the last millisecond of that day in Shanghai. */
  dueAt(from: Date | string, n: number): Date {
    return endOfDay(this.#advance(shanghaiDay(from), n));
  }

  /**
   * Years from date(a) to date(b) inclusive (in either order) without a published calendar: a figure
   * computed over that span is provisional when this is non-empty.
   */
  unpublishedYears(a: Date | string, b: Date | string): number[] {
    const x = shanghaiDay(a);
    const y = shanghaiDay(b);
    const years: number[] = [];
    for (let year = yearOfDay(Math.min(x, y)), last = yearOfDay(Math.max(x, y)); year <= last; year++) {
      if (!this.#published.has(year)) years.push(year);
    }
    return years;
  }

  /** The number of working days in `year` (weekdays alone if unpublished). */
  workingDaysInYear(year: number): number {
    const table = this.#table(year);
    return table.prefix[table.working.length]!;
  }

  /**
   * Problems that make `holidays` unfit to publish for `year`, as human-readable sentences; empty when
   * fine. Meant for an admin route to refuse a bad publication before it reaches {@link publish}.
   */
  static validateYear(year: number, holidays: unknown): string[] {
    const problems: string[] = [];
    const yearOk = Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
    if (!yearOk)
      problems.push(`year must be an integer from ${MIN_YEAR} to ${MAX_YEAR}, got ${String(year)}`);
    if (!Array.isArray(holidays)) {
      problems.push('holidays must be an array of { name, daysOff, makeUpWorkdays }');
      return problems;
    }
    const off = new Map<string, string>();
    const worked = new Map<string, string>();
    const collect = (value: unknown, where: string, into: Map<string, string>): void => {
      if (!Array.isArray(value)) {
        problems.push(`${where} must be an array of 'YYYY-MM-DD' strings`);
        return;
      }
      value.forEach((date: unknown, i) => {
        if (typeof date !== 'string' || !isIsoDate(date)) {
          problems.push(`${where}[${i}] is not a valid 'YYYY-MM-DD' date: ${JSON.stringify(date)}`);
        } else if (yearOk && !date.startsWith(`${year}-`)) {
          problems.push(`${where}[${i}] ${date} is outside ${year}`);
        } else {
          into.set(date, where);
        }
      });
    };
    holidays.forEach((entry: unknown, i) => {
      const at = `holidays[${i}]`;
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
        problems.push(`${at} must be an object`);
        return;
      }
      const { name, daysOff, makeUpWorkdays } = entry as Record<string, unknown>;
      const named = typeof name === 'string' && name.trim() !== '';
      if (!named) problems.push(`${at}.name must be a non-empty string`);
      const label = named ? `${at} (${name})` : at;
      collect(daysOff, `${label}.daysOff`, off);
      collect(makeUpWorkdays, `${label}.makeUpWorkdays`, worked);
    });
    for (const [date, where] of worked) {
      if (off.has(date))
        problems.push(`${date} is both a day off (${off.get(date)}) and a make-up workday (${where})`);
      const wd = weekday(isoToDay(date));
      // A weekday is a workday anyway, so listing it is almost certainly a typo for a nearby weekend.
      if (wd !== 0 && wd !== 6) problems.push(`${where} ${date} is a weekday, not a weekend make-up workday`);
    }
    return problems;
  }

  #table(year: number): YearTable {
    const published = this.#published.get(year);
    if (published) return published;
    let table = this.#weekendOnly.get(year);
    if (!table) {
      checkYear(year);
      table = buildTable(year);
      this.#weekendOnly.set(year, table);
    }
    return table;
  }

  /** Working days in [from, to], both inclusive, from ≤ to. */
  #countThrough(from: Day, to: Day): number {
    let total = 0;
    for (let year = yearOfDay(from), last = yearOfDay(to); year <= last; year++) {
      const { first, working, prefix } = this.#table(year);
      const lo = Math.max(from, first) - first;
      const hi = Math.min(to, first + working.length - 1) - first;
      total += prefix[hi + 1]! - prefix[lo]!;
    }
    return total;
  }

  /** The n-th working day after `start`, skipping whole years by their totals. */
  #advance(start: Day, n: number): Day {
    if (!Number.isSafeInteger(n) || n < 0)
      throw new RangeError(`working-day count must be an integer ≥ 0: ${n}`);
    if (n === 0) return start;
    let year = yearOfDay(start);
    let table = this.#table(year);
    // Working days of this year already used up through `start` itself.
    let used = table.prefix[start - table.first + 1]!;
    let remaining = n;
    for (;;) {
      const { first, working, prefix } = table;
      const left = prefix[working.length]! - used;
      if (remaining <= left) {
        // Smallest i with prefix[i] ≥ target: day i-1 is the working day that reaches the target.
        const target = used + remaining;
        let lo = 1;
        let hi = working.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (prefix[mid]! >= target) hi = mid;
          else lo = mid + 1;
        }
        return first + lo - 1;
      }
      remaining -= left;
      table = this.#table(++year);
      used = 0;
    }
  }
}
