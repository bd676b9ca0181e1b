/** Asia/Shanghai dates and instants, and the mainland working-day calendar. */
export {
  chineseDate,
  chineseDateTime,
  civilFromDay,
  dayFromCivil,
  dayToIso,
  EARLIEST_DATE,
  endOfDay,
  implausibleTime,
  isIsoDate,
  isLeapYear,
  isoToDay,
  parseInstant,
  shanghaiDay,
  shanghaiMonth,
  startOfDay,
  weekday,
  yearOfDay,
  YEARS_AHEAD,
} from './shanghai-time.ts';
export type { Day } from './shanghai-time.ts';
export { WorkingCalendar } from './working-calendar.ts';
export type { CalendarYears, HolidayEntry } from './working-calendar.ts';
export { loadReferenceCalendar, referenceCalendar, referenceSource } from './reference-data.ts';
export { loadCalendar, storeCalendarYear, syncCalendar } from './store.ts';
