/**
 * Asia/Shanghai dates and instants: the one place that knows the service's time zone. It parses dates and
 * zoned instants, says which Shanghai day, month or year an instant falls in, and where a Shanghai day begins
 * and ends. Everything else asks here instead of adding eight hours itself.
 */

import type { FieldCode, WordParams } from '../errors/index.ts';

/**
 * A calendar date in Asia/Shanghai as whole days since 1970-01-01. Plain numbers keep the hot path
 * allocation-free and make date arithmetic ordinary integer arithmetic.
 */
export type Day = number;

const DAY_MS = 86_400_000;
// Asia/Shanghai has been a fixed UTC+8 without DST since 1991, so no time-zone database is needed.
const OFFSET_MS = 8 * 3_600_000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Only instants with an explicit zone: without one, JavaScript reads the time in the server's zone.
const ZONED_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

/** Whether `year` is a Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The day number of a Gregorian date (month 1–12); Howard Hinnant's days_from_civil. */
export function dayFromCivil(year: number, month: number, dayOfMonth: number): Day {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + dayOfMonth - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The Gregorian date of a day number; Howard Hinnant's civil_from_days. */
export function civilFromDay(day: Day): { year: number; month: number; day: number } {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return {
    year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0),
    month,
    day: dayOfYear - Math.floor((153 * mp + 2) / 5) + 1,
  };
}

/** Whether `text` is a real calendar date written exactly as 'YYYY-MM-DD'. */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const dayOfMonth = Number(match[3]);
  return month >= 1 && month <= 12 && dayOfMonth >= 1 && dayOfMonth <= daysInMonth(year, month);
}

/** The day number of a 'YYYY-MM-DD' date; throws RangeError on anything else (including 2025-02-29). */
export function isoToDay(iso: string): Day {
  if (!isIsoDate(iso)) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(iso)}`);
  return dayFromCivil(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
}

/** The 'YYYY-MM-DD' form of a day number. */
export function dayToIso(day: Day): string {
  const { year, month, day: dayOfMonth } = civilFromDay(day);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
}

/**
 * An ISO 8601 instant with an explicit offset, or null when it is not one or names a date or time that does
 * not exist: JavaScript's own parser rolls 2026-02-30 over to 2 March and 24:00 over to the next day.
 */
export function parseInstant(text: string): Date | null {
  const match = ZONED_INSTANT.exec(text);
  if (!match || !isIsoDate(text.slice(0, 10))) return null;
  const [hours, minutes, seconds] = [text.slice(11, 13), text.slice(14, 16), match[1]?.slice(1, 3) ?? '0'];
  if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) return null;
  const offset = match[3]!;
  if (!/^z$/i.test(offset) && (Number(offset.slice(1, 3)) > 14 || Number(offset.slice(4, 6)) > 59))
    return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** The earliest date the service takes anywhere: nothing it handles happened before it. */
export const EARLIEST_DATE = '2000-01-01';

/** How many years after now a future date (an expiry, a pledge, an appointment, a period's end) may lie. */
export const YEARS_AHEAD = 10;

/**
 * Why a date or instant is not plausible, or null when it is: it must be a real calendar date (or zoned
 * instant) from {@link EARLIEST_DATE} to {@link YEARS_AHEAD} years after `now` — or to `now` itself when
 * `latest` is `'now'` (what already happened, e.g. an imported event). Far-off dates are refused because
 * every working-day count walks the calendar a year at a time.
 */
export function implausibleTime(
  text: string,
  now: Date,
  latest: 'now' | 'ahead' = 'ahead',
): { code: FieldCode; params?: WordParams } | null {
  const instant = ISO_DATE.test(text)
    ? isIsoDate(text)
      ? startOfDay(isoToDay(text))
      : null
    : parseInstant(text);
  if (!instant) return { code: 'not-a-date-or-time' };
  if (instant.getTime() < startOfDay(isoToDay(EARLIEST_DATE)).getTime()) {
    return { code: 'before-earliest', params: { earliest: EARLIEST_DATE } };
  }
  if (latest === 'now') {
    return instant.getTime() > now.getTime() ? { code: 'in-the-future' } : null;
  }
  const limit = new Date(now.getTime());
  limit.setUTCFullYear(limit.getUTCFullYear() + YEARS_AHEAD);
  return instant.getTime() > limit.getTime()
    ? { code: 'too-far-ahead', params: { years: YEARS_AHEAD, latest: dayToIso(shanghaiDay(limit)) } }
    : null;
}

/**
 * The Shanghai calendar date of an instant (a Date, or an ISO string with a zone designator), or of a
 * plain 'YYYY-MM-DD', which is taken to be that date already. Throws RangeError on unusable input.
 */
export function shanghaiDay(at: Date | string): Day {
  let ms: number;
  if (typeof at === 'string') {
    const own = canonicalInstantDay(at);
    if (own !== -1) return own;
    if (ISO_DATE.test(at)) return isoToDay(at);
    const instant = parseInstant(at);
    if (!instant) {
      throw new RangeError(`not a YYYY-MM-DD date or an ISO instant with offset: ${JSON.stringify(at)}`);
    }
    ms = instant.getTime();
  } else {
    ms = at.getTime();
  }
  if (Number.isNaN(ms)) throw new RangeError(`invalid instant: ${String(at)}`);
  return Math.floor((ms + OFFSET_MS) / DAY_MS);
}

const ZERO = 48;

/** The number written by the ASCII digits of `text` from `start` to `end`, or -1 if any is not a digit. */
function digitsAt(text: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * The Shanghai day of an instant written exactly as `Date.prototype.toISOString()` writes it
 * ('YYYY-MM-DDTHH:MM:SS.sssZ'), or -1 for any other text. The engine stores and compares its own instants in
 * this form, and counting working days reads them on every event: reading the digits in place skips the
 * regular expressions, slices and Dates of the strict parse. Whatever this does not accept (another offset, a
 * date or time that does not exist) goes through {@link parseInstant}, which decides as before.
 */
function canonicalInstantDay(text: string): Day {
  if (text.length !== 24 || text.charCodeAt(23) !== 90 /* Z */) return -1;
  if (text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':')
    return -1;
  if (text[19] !== '.' || digitsAt(text, 20, 23) === -1) return -1;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 7);
  const dayOfMonth = digitsAt(text, 8, 10);
  const hours = digitsAt(text, 11, 13);
  const minutes = digitsAt(text, 14, 16);
  const seconds = digitsAt(text, 17, 19);
  if (year === -1 || month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > daysInMonth(year, month))
    return -1;
  if (hours === -1 || hours > 23 || minutes === -1 || minutes > 59 || seconds === -1 || seconds > 59)
    return -1;
  // From 16:00 UTC on, it is already the next day in Shanghai (UTC+8).
  return dayFromCivil(year, month, dayOfMonth) + (hours >= 16 ? 1 : 0);
}

/** The Shanghai calendar month of an instant (or of a plain 'YYYY-MM-DD'), as 'YYYY-MM'. */
export function shanghaiMonth(at: Date | string): string {
  return dayToIso(shanghaiDay(at)).slice(0, 7);
}

/** The Gregorian year a day number falls in. */
export function yearOfDay(day: Day): number {
  return civilFromDay(day).year;
}

/** The instant 00:00:00.000 Asia/Shanghai on `day`. */
export function startOfDay(day: Day): Date {
  return new Date(day * DAY_MS - OFFSET_MS);
}

/** The last millisecond of `day` in Asia/Shanghai (15:59:59.999Z), so a deadline on `day` holds all day. */
export function endOfDay(day: Day): Date {
  return new Date((day + 1) * DAY_MS - OFFSET_MS - 1);
}

/** The day of the week, 0 = Sunday … 6 = Saturday. */
export function weekday(day: Day): number {
  // Day 0, 1970-01-01, was a Thursday; the double modulo keeps days before 1970 non-negative.
  return (((day + 4) % 7) + 7) % 7;
}

/** The Shanghai date of an instant (or a plain 'YYYY-MM-DD') as Chinese text reads it: `2026年3月9日`. */
export function chineseDate(at: Date | string): string {
  const { year, month, day } = civilFromDay(shanghaiDay(at));
  return `${year}年${month}月${day}日`;
}

/** An instant in Shanghai as Chinese text reads it, to the minute: `2026年3月9日 14:30`. */
export function chineseDateTime(at: Date | string): string {
  const instant = typeof at === 'string' ? parseInstant(at) : at;
  if (!instant || Number.isNaN(instant.getTime())) throw new RangeError(`invalid instant: ${String(at)}`);
  const minutes = Math.floor(((((instant.getTime() + OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS) / 60_000);
  const clock = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return `${chineseDate(instant)} ${clock}`;
}
