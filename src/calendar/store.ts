import type { Database } from '../db/open.ts';
import { WorkingCalendar, type HolidayEntry } from './working-calendar.ts';

/** Reads every published year from the database into one in-memory calendar. */
export async function loadCalendar(db: Database): Promise<WorkingCalendar> {
  const rows = await db.knex('calendar_years').select('year', 'holidays').orderBy('year');
  const years: Record<string, HolidayEntry[]> = {};
  for (const row of rows) years[String(row.year)] = db.dialect.readJson<HolidayEntry[]>(row.holidays);
  return new WorkingCalendar(years);
}
