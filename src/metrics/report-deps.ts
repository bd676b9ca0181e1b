import type { WorkingCalendar } from '../calendar/index.ts';
import type { Database } from '../db/index.ts';
import type { WorkflowRegistry } from '../engine/registry.ts';

/** What the reports read: the database, the working calendar and the workflows. */
export interface ReportDeps {
  db: Database;
  calendar: WorkingCalendar;
  registry: WorkflowRegistry;
}
