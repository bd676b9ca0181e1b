/** Shanghai calendar dates and the mainland working-day calendar. */
export {
  civilFromDay,
  dayFromCivil,
  dayToIso,
  endOfDay,
  isIsoDate,
  isLeapYear,
  isoToDay,
  shanghaiDay,
  startOfDay,
  weekday,
  yearOfDay,
} from './shanghai-day.ts';
export type { Day } from './shanghai-day.ts';
export { WorkingCalendar } from './working-calendar.ts';
export type { CalendarYears, HolidayEntry } from './working-calendar.ts';
export { loadReferenceCalendar, referenceCalendar, referenceSource } from './reference-data.ts';
export { loadCalendar, storeCalendarYear, syncCalendar } from './store.ts';
