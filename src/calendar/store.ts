import type { Database } from '../db/index.ts';
import { WorkingCalendar, type HolidayEntry } from './working-calendar.ts';

/** Reads every published year from the database into one in-memory calendar. */
export async function loadCalendar(db: Database): Promise<WorkingCalendar> {
  const rows = await db.knex('calendar_years').select('year', 'holidays').orderBy('year');
  const years: Record<string, HolidayEntry[]> = {};
  for (const row of rows) years[String(row.year)] = db.dialect.readJson<HolidayEntry[]>(row.holidays);
  return new WorkingCalendar(years);
}

/**
 * Stores a year's days off and make-up working days (a republication replaces the year), and queues the
 * recomputation of the figures that count days in it (`recomputed_at` back to null; a scheduler round runs it).
 */
export async function storeCalendarYear(
  db: Database,
  year: number,
  holidays: HolidayEntry[],
  source: string,
  at: Date,
): Promise<void> {
  await db
    .knex('calendar_years')
    .insert({
      year,
      source,
      published_at: at.toISOString(),
      holidays: JSON.stringify(holidays),
      recomputed_at: null,
    })
    .onConflict('year')
    .merge();
}

/**
 * Brings an instance's in-memory calendar up to date with the database, so that a year published through
 * another instance counts here too. Cheap when nothing changed: one small query. Returns the years reloaded.
 */
export async function syncCalendar(
  db: Database,
  calendar: WorkingCalendar,
  seen: Map<number, string>,
): Promise<number[]> {
  const rows = await db.knex('calendar_years').select('year', 'published_at', 'holidays');
  const changed: number[] = [];
  for (const row of rows) {
    const year = Number(row.year);
    const stamp = String(row.published_at);
    if (seen.get(year) === stamp) continue;
    seen.set(year, stamp);
    calendar.publish(year, db.dialect.readJson<HolidayEntry[]>(row.holidays));
    changed.push(year);
  }
  return changed;
}
