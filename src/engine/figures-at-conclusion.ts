import type { WorkingCalendar } from '../calendar/index.ts';
import type { EventStore } from '../db/index.ts';
import { keptCaseFigures, storedCaseFigures, type StoredCaseFigures } from '../timing/case-figures.ts';
import type { AppendedEntry } from './append.ts';
import { toAudit, type ApplicationRecord } from './records.ts';
import type { WorkflowDefinition } from './workflow.ts';

/**
 * The stored figures of a case that concludes with this entry, so that metrics never replay audit logs: from
 * the row's timing accounts, or, for a case stored before they were kept, from its audit log including the
 * entry.
 */
export async function figuresAtConclusion(
  store: EventStore,
  def: WorkflowDefinition,
  app: ApplicationRecord,
  last: AppendedEntry,
  calendar: WorkingCalendar,
): Promise<StoredCaseFigures> {
  if (app.timingAccounts) return keptCaseFigures(app, app.timingAccounts, calendar);
  const rows = await store.auditRows(app.id);
  const history = [...rows.map((r) => toAudit(r, store.dialect)), last];
  return storedCaseFigures(app, history, def.acceptanceEvents, calendar);
}
