import type { Knex } from 'knex';
import { departments } from '../../db/seeds/departments.ts';
import { loadReferenceCalendar, referenceSource } from '../calendar/index.ts';
import { seedChecklist } from '../checklist/store.ts';
import { seedCatalogs } from '../materials/catalog-store.ts';

/** What seeding added, so the start banner can say it. */
export interface SeedResult {
  departments: number;
  calendarYears: number[];
  /** The checklist version seeded, when the database had none. */
  checklistVersion: number | null;
  /** Workflows whose material catalog was seeded, when they had none. */
  materialCatalogs: string[];
}

/**
 * Seeds reference data an empty database needs: departments, the official calendar years, the first checklist,
 * the first material catalog of each workflow.
 * Rows that exist are left alone, so an admin's later publication is never overwritten.
 */
export async function seedReferenceData(knex: Knex, now: Date): Promise<SeedResult> {
  const existing = new Set((await knex('departments').select('code')).map((r: { code: string }) => r.code));
  const newDepartments = departments.filter((d) => !existing.has(d.code));
  // Rows another instance inserted meanwhile are left alone (start-up normally runs under a lock anyway).
  if (newDepartments.length) await knex('departments').insert(newDepartments).onConflict('code').ignore();

  const years = new Set(
    (await knex('calendar_years').select('year')).map((r: { year: number }) => Number(r.year)),
  );
  const added: number[] = [];
  for (const [year, holidays] of Object.entries(loadReferenceCalendar())) {
    if (years.has(Number(year))) continue;
    await knex('calendar_years')
      .insert({
        year: Number(year),
        source: referenceSource(),
        published_at: now.toISOString(),
        holidays: JSON.stringify(holidays),
      })
      .onConflict('year')
      .ignore();
    added.push(Number(year));
  }

  let checklistVersion: number | null = null;
  if (!(await knex('checklist_versions').first('version'))) {
    await knex('checklist_versions')
      .insert({
        version: 1,
        published_at: now.toISOString(),
        published_by: 'seed',
        body: JSON.stringify(seedChecklist()),
      })
      .onConflict('version')
      .ignore();
    checklistVersion = 1;
  }
  const materialCatalogs = await seedCatalogs(knex, now);
  return { departments: newDepartments.length, calendarYears: added, checklistVersion, materialCatalogs };
}
