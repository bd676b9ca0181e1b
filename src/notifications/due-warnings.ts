/**
 * The early warnings of the supervision rhythm (docs/domain.md): pledged papers due in 3 working days (to the
 * enterprise and its agents), and for each department's clerks their tasks due within 2 working days and the
 * ones overdue. Run by the scheduler; every warning has a key of its own (the task and its due date, the case
 * and its pledge date), so running the sweep again — or on two instances at once — tells nobody twice.
 */
import type { WorkingCalendar } from '../calendar/index.ts';
import { shanghaiDay, dayToIso } from '../calendar/index.ts';
import { knexEventStore, type Database } from '../db/index.ts';
import type { WorkflowRegistry } from '../engine/registry.ts';
import { projectOf, type MessageContent, type NewMessage, type Recipient } from './message.ts';
import { pledgeDueMessage, taskDueMessage, taskOverdueMessage } from './message-text.ts';
import { departmentName, stepName } from './names.ts';
import { caseRecipients } from './recipients.ts';
import { insertMessage } from './store.ts';

/** Working days ahead at which pledged papers are announced. */
export const PLEDGE_WARNING_WORKING_DAYS = 3;
/** Working days ahead at which a department's task is announced to its clerks. */
export const TASK_WARNING_WORKING_DAYS = 2;

/** What one sweep did. */
export interface DueWarningResult {
  created: number;
}

/** What the sweep reads and writes with. */
export interface DueWarningDeps {
  db: Database;
  calendar: WorkingCalendar;
  registry: WorkflowRegistry;
  webhook: boolean;
}

type Row = Record<string, unknown>;

/** Creates the warnings due at `now` that were not created before. */
export async function sweepDueWarnings(deps: DueWarningDeps, now: Date): Promise<DueWarningResult> {
  const { db, calendar } = deps;
  const at = now.toISOString();
  const today = dayToIso(shanghaiDay(now));
  const pending: Array<{ key: string; build: () => Promise<NewMessage> }> = [];

  // Pledged papers: the pledge timer fires at the end of the pledged day.
  const pledgeHorizon = calendar.dueAt(now, PLEDGE_WARNING_WORKING_DAYS).toISOString();
  const pledges: Row[] = await db
    .knex('timers as t')
    .join('applications as a', 'a.id', 't.application_id')
    .where('t.timer_key', 'pledge-due')
    .whereNull('t.dead_at')
    .where('t.due_at', '>', at)
    .where('t.due_at', '<=', pledgeHorizon)
    .whereNull('a.concluded_at')
    .select('a.id', 'a.applicant', 'a.workflow_id', 'a.project', 'a.snapshot', 't.due_at');
  for (const row of pledges) {
    const pledgeDate = dayToIso(shanghaiDay(String(row.due_at)));
    const app = { id: String(row.id), applicant: String(row.applicant), workflowId: String(row.workflow_id) };
    const context = db.dialect.readJson<{ context?: { deficiencies?: unknown } }>(row.snapshot)?.context;
    const items = Array.isArray(context?.deficiencies) ? context.deficiencies.map(String) : [];
    const content = pledgeDueMessage({
      project: projectOf(db.dialect.readJson(row.project)),
      pledgeDate,
      items,
    });
    pending.push({
      key: `pledge-due:${app.id}:${pledgeDate}`,
      build: async () =>
        caseMessage(
          content,
          app.id,
          at,
          await recipientsOf(deps, app, at),
          `pledge-due:${app.id}:${pledgeDate}`,
        ),
    });
  }

  // Tasks: open, clock running (a stopped clock moves the deadline), due by the end of the 2nd working day.
  const taskHorizon = calendar.dueAt(now, TASK_WARNING_WORKING_DAYS).toISOString();
  const tasks: Row[] = await db
    .knex('tasks as t')
    .join('applications as a', 'a.id', 't.application_id')
    .where('t.status', 'open')
    .whereNull('t.clock_stopped_since')
    .where('t.due_at', '<=', taskHorizon)
    .select('t.id as task_id', 't.department', 't.action', 't.due_at', 'a.id', 'a.project');
  for (const row of tasks) {
    const dueAt = String(row.due_at);
    const overdue = dueAt < at;
    const params = {
      project: projectOf(db.dialect.readJson(row.project)),
      department: departmentName(String(row.department)),
      step: stepName(String(row.action)),
      dueAt,
    };
    const content = overdue
      ? taskOverdueMessage(params)
      : taskDueMessage({ ...params, workingDaysLeft: calendar.elapsed(today, dueAt) });
    const key = `${content.code}:${row.task_id}:${dueAt}`;
    const recipients: Recipient[] = [{ kind: 'department', id: String(row.department) }];
    pending.push({ key, build: async () => caseMessage(content, String(row.id), at, recipients, key) });
  }

  // Only the warnings not yet stored cost a transaction; the key keeps a race between instances harmless.
  const known = new Set<string>();
  for (let i = 0; i < pending.length; i += 500) {
    const keys = pending.slice(i, i + 500).map((p) => p.key);
    const rows = await db.knex('notifications').whereIn('dedupe_key', keys).select('dedupe_key');
    for (const r of rows as Row[]) known.add(String(r.dedupe_key));
  }
  let created = 0;
  for (const warning of pending) {
    if (known.has(warning.key)) continue;
    const message = await warning.build();
    const id = await db.knex.transaction((trx) =>
      insertMessage(knexEventStore(trx, db.dialect), message, { webhook: deps.webhook }),
    );
    if (id !== null) created++;
  }
  return { created };
}

async function recipientsOf(
  deps: DueWarningDeps,
  app: { id: string; applicant: string; workflowId: string },
  at: string,
): Promise<Recipient[]> {
  return caseRecipients(
    knexEventStore(deps.db.knex, deps.db.dialect),
    deps.db.dialect,
    deps.registry,
    app,
    at,
  );
}

function caseMessage(
  content: MessageContent,
  applicationId: string,
  at: string,
  recipients: Recipient[],
  dedupeKey: string,
): NewMessage {
  return {
    ...content,
    applicationId,
    project: content.params.project as NewMessage['project'],
    recipients,
    dedupeKey,
    createdAt: at,
  };
}
