import type { Knex } from 'knex';
import type { Database } from '../db/index.ts';
import { appendToCase } from './append.ts';
import type { Clock } from './clock.ts';
import { checkSubmission } from './content.ts';
import { draftPatchRefusal } from './event-verdict.ts';
import { lockedCase } from './locked-case.ts';
import { restoreSnapshot, specialProcedureRunning } from './machine-state.ts';
import { mergePatch } from './merge-patch.ts';
import type { Actor, ApplicationRecord } from './records.ts';
import type { WorkflowDefinition } from './workflow.ts';
import { applicationRow, contentRow } from './rows.ts';

/** A JSON merge patch of a draft's project and form, and who sends it. */
export interface DraftPatch {
  applicationId: string;
  patch: { project?: Record<string, unknown>; form?: Record<string, unknown> };
  actor: Actor;
  onBehalfOf?: string | null;
}

/**
 * Merges a patch into a draft inside the caller's transaction, recorded as `UPDATE_DRAFT` so the history
 * shows who changed what, and from what (`data.before`: the previous value of each member the patch names,
 * null where there was none). Drafts may be incomplete: the form is checked on submission. While
 * supplementing, the patch corrects a submitted case: recorded as `CORRECT_FORM`, and the result must meet
 * the schemas.
 */
export async function patchDraftIn(
  db: Database,
  trx: Knex.Transaction,
  clock: Clock,
  input: DraftPatch,
  workflowOf?: (app: ApplicationRecord) => WorkflowDefinition,
): Promise<ApplicationRecord> {
  const { app, store } = await lockedCase(db, trx, input.applicationId);
  const refusal = draftPatchRefusal(app.state, app.status);
  if (refusal) throw refusal;
  const at = clock.now().toISOString();
  const next: ApplicationRecord = {
    ...app,
    project: mergePatch(app.project, input.patch.project ?? {}) as Record<string, unknown>,
    form: mergePatch(app.form, input.patch.form ?? {}) as Record<string, unknown>,
    version: app.version + 1,
    updatedAt: at,
  };
  // A submitted form stays whole: a correction while supplementing must still meet the workflow's schemas.
  const correcting = app.status !== 'draft';
  if (correcting && workflowOf) checkSubmission(workflowOf(app), next.project, next.form);
  const appended = await appendToCase(
    store,
    app,
    {
      at,
      type: correcting ? 'CORRECT_FORM' : 'UPDATE_DRAFT',
      actor: input.actor,
      onBehalfOf: input.onBehalfOf ?? null,
      from: app.state,
      to: app.state,
      comment: null,
      data: { ...input.patch, before: valuesBefore(app, input.patch) },
      status: app.status,
      // Supplementing stops the clock (clock:applicant); a draft's has not started.
      clockStopped: correcting,
      // An expert review may hold the clock at the same time: the record carries it on.
      clockSpecial:
        correcting &&
        workflowOf !== undefined &&
        specialProcedureRunning(restoreSnapshot(workflowOf(app).machine, app.snapshot, app.id)),
    },
    (record) => ({ ...applicationRow({ ...next, lastHash: record.hash }, true), ...contentRow(next) }),
  );
  return { ...next, lastHash: appended.hash };
}

/** The values the patch replaces, member by member (one level: a nested object is shown whole). */
function valuesBefore(
  app: ApplicationRecord,
  patch: DraftPatch['patch'],
): { project?: Record<string, unknown>; form?: Record<string, unknown> } {
  const before: { project?: Record<string, unknown>; form?: Record<string, unknown> } = {};
  for (const part of ['project', 'form'] as const) {
    const changes = patch[part];
    if (!changes) continue;
    const current = app[part] ?? {};
    before[part] = Object.fromEntries(
      Object.keys(changes).map((key) => [key, Object.hasOwn(current, key) ? current[key] : null]),
    );
  }
  return before;
}
