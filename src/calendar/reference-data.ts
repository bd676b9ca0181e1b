import { readFileSync } from 'node:fs';
import { WorkingCalendar } from './working-calendar.ts';
import type { CalendarYears } from './working-calendar.ts';

interface ReferenceFile {
  source: string;
  timezone: string;
  years: CalendarYears;
}

let cached: ReferenceFile | undefined;

function read(): ReferenceFile {
  if (!cached) {
    const url = new URL('../../db/seeds/cn-working-calendar.json', import.meta.url);
    const file = JSON.parse(readFileSync(url, 'utf8')) as ReferenceFile;
    // The engine's day arithmetic is fixed at UTC+8; a file for another zone would be silently wrong.
    if (file.timezone !== 'Asia/Shanghai') {
      throw new Error(`reference calendar is for ${file.timezone}, expected Asia/Shanghai`);
    }
    cached = file;
  }
  return cached;
}

/** The shipped holiday calendars by year; a fresh copy, so callers may edit it freely. */
export function loadReferenceCalendar(): CalendarYears {
  return structuredClone(read().years);
}

/** Where the shipped calendars come from (the State Council notices), for display and audit. */
export function referenceSource(): string {
  return read().source;
}

/** A new {@link WorkingCalendar} with the shipped years published. */
export function referenceCalendar(): WorkingCalendar {
  return new WorkingCalendar(loadReferenceCalendar());
}
