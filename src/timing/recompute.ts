import { dayFromCivil, startOfDay, type HolidayEntry, type WorkingCalendar } from '../calendar/index.ts';
import type { Database } from '../db/index.ts';
import { toApplication, toAudit, toTask, type ApplicationRecord } from '../engine/records.ts';
import type { WorkflowRegistry } from '../engine/registry.ts';
import { storedCaseFigures } from './case-figures.ts';
import { replayStoppedClock, specialThrough, stoppedThrough, type ClockMark } from './stopped-clock.ts';
import { replayTimingAccounts, timingAccountsRow } from './timing-accounts.ts';

/** What a recomputation changed. */
export interface RecomputeResult {
  decidedCases: number;
  openCases: number;
  tasks: number;
}

const BATCH = 500;

/** The UTC instant a year begins in Asia/Shanghai. */
const yearStart = (year: number) => startOfDay(dayFromCivil(year, 1, 1)).toISOString();

/**
 * Recomputes every stored figure that counts working days in `year`, after that year's calendar was published
 * or republished: the figures of decided cases, the deadlines of open cases and open tasks (provisional ones
 * included), and the figures of closed tasks. Each case's audit log is read once; work goes in batches.
 */
export async function recomputeForYear(
  db: Database,
  registry: WorkflowRegistry,
  calendar: WorkingCalendar,
  year: number,
  now: Date,
): Promise<RecomputeResult> {
  const from = yearStart(year);
  const to = yearStart(year + 1);
  const result: RecomputeResult = { decidedCases: 0, openCases: 0, tasks: 0 };
  let after = '';
  for (;;) {
    // Cases whose life touches the year: submitted before it ends, and still open or concluded after it began.
    const rows = await db
      .knex('applications')
      .where('id', '>', after)
      .whereNotNull('submitted_at')
      .where('submitted_at', '<', to)
      .where((q) => q.whereNull('concluded_at').orWhere('concluded_at', '>=', from))
      .orderBy('id')
      .limit(BATCH);
    if (!rows.length) break;
    after = String(rows[rows.length - 1].id);
    for (const row of rows) {
      const changed = await recomputeCase(db, registry, calendar, toApplication(row, db.dialect), now);
      result.decidedCases += changed.decided;
      result.openCases += changed.open;
      result.tasks += changed.tasks;
    }
  }
  return result;
}

/** How often a case is read again when an event changed it during its recomputation. */
const MAX_CONFLICTS = 5;

/** An event committed on the case between our read and our write: read it again. */
class CaseChanged extends Error {}

/**
 * Recomputes one case's stored figures from `app` as read earlier. The write is guarded like an event's
 * (`WHERE version = ?`): when an event committed on the case meanwhile, its write stands and the case is read
 * and recomputed again, so a recomputation never puts back figures an event has just replaced.
 */
export async function recomputeCase(
  db: Database,
  registry: WorkflowRegistry,
  calendar: WorkingCalendar,
  app: ApplicationRecord,
  now: Date,
): Promise<{ decided: number; open: number; tasks: number }> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await recomputeCaseAt(db, registry, calendar, app, now);
    } catch (error) {
      if (!(error instanceof CaseChanged) || attempt >= MAX_CONFLICTS) throw error;
      const row = await db.knex('applications').where({ id: app.id }).first();
      if (!row) return { decided: 0, open: 0, tasks: 0 };
      app = toApplication(row, db.dialect);
    }
  }
}

async function recomputeCaseAt(
  db: Database,
  registry: WorkflowRegistry,
  calendar: WorkingCalendar,
  app: ApplicationRecord,
  now: Date,
): Promise<{ decided: number; open: number; tasks: number }> {
  const def = registry.get(app.workflowId, app.workflowVersion);
  const history = (await db.knex('audit_events').where({ application_id: app.id }).orderBy('seq')).map((r) =>
    toAudit(r, db.dialect),
  );
  const end = app.concludedAt ?? now.toISOString();
  return db.knex.transaction(async (trx) => {
    let decided = 0;
    let open = 0;
    // Only the version the figures were computed from: a history with a record more is another case.
    const current = trx('applications').where({ id: app.id, version: app.version });
    const accounts = timingAccountsRow(replayTimingAccounts(app, history, def.acceptanceEvents, calendar));
    if (app.concludedAt) {
      const figures = storedCaseFigures(app, history, def.acceptanceEvents, calendar);
      const updated = await current.update({ ...figures, ...accounts });
      if (updated !== 1) throw new CaseChanged();
      decided = 1;
    } else if (app.acceptedAt && app.limitWorkingDays !== null) {
      // The running account of closed stops, and the deadline it pushes back.
      const { stopped } = stoppedWithin(history, end, app.acceptedAt, now.toISOString(), calendar, true);
      const updated = await current.update({
        ...accounts,
        stopped_working_days: stopped,
        due_at: calendar.dueAt(app.acceptedAt, app.limitWorkingDays + stopped).toISOString(),
      });
      if (updated !== 1) throw new CaseChanged();
      open = 1;
    } else if ((await current.update(accounts)) !== 1) {
      // Its tasks are computed from this version too.
      throw new CaseChanged();
    }
    let tasks = 0;
    for (const row of await trx('tasks').where({ application_id: app.id })) {
      const task = toTask(row, db.dialect);
      const taskEnd = task.closedAt ?? now.toISOString();
      const within = stoppedWithin(history, end, task.openedAt, taskEnd, calendar, task.closedAt === null);
      const { stopped } = within;
      const due = calendar.dueAt(task.openedAt, task.limitDays + stopped);
      const update: Record<string, unknown> = {
        stopped_working_days: stopped,
        special_working_days: within.special,
        due_at: due.toISOString(),
        due_provisional: calendar.unpublishedYears(task.openedAt, due).length > 0,
      };
      if (task.closedAt) {
        const net = calendar.elapsed(task.openedAt, task.closedAt) - stopped;
        Object.assign(update, { net_working_days: net, on_time: net <= task.limitDays });
      }
      await trx('tasks').where({ id: task.id }).update(update);
      tasks++;
    }
    return { decided, open, tasks };
  });
}

/**
 * Working days of stopped clock inside [from, to], replayed from the case's audit log, and those of them a
 * special procedure held; a stop still running counts up to the case's `end` (or `to`, whichever is earlier).
 * With `closedOnly` it is left out: the engine adds it when the clock runs again (the running account on the row).
 */
function stoppedWithin(
  history: readonly ClockMark[],
  end: string,
  from: string,
  to: string,
  calendar: WorkingCalendar,
  closedOnly: boolean,
): { stopped: number; special: number } {
  const clock = replayStoppedClock(history, calendar, { from, to });
  if (closedOnly) return { stopped: clock.stoppedWorkingDays, special: clock.specialWorkingDays ?? 0 };
  const until = end < to ? end : to;
  return { stopped: stoppedThrough(clock, until, calendar), special: specialThrough(clock, until, calendar) };
}

/** A year whose figures were recomputed by a round, and what changed. */
export interface YearRecomputed extends RecomputeResult {
  year: number;
}

/**
 * Runs the recomputations that publishing queued (years whose `recomputed_at` is null), with each year as
 * stored, then marks the year done unless it was published again meanwhile. Run by every scheduler round, so
 * a publication on any instance is recomputed within one round; two instances may both run a year, which
 * is harmless (the writes are version-checked and give the same figures). Each round first gives the cases
 * stored before their timing accounts were kept (migration 022) those accounts.
 */
export async function recomputePendingYears(
  db: Database,
  registry: WorkflowRegistry,
  calendar: WorkingCalendar,
  now: Date,
): Promise<YearRecomputed[]> {
  const pending = await db
    .knex('calendar_years')
    .whereNull('recomputed_at')
    .orderBy('year')
    .select('year', 'published_at', 'holidays');
  await replayUnkeptTimings(db, registry, calendar);
  const done: YearRecomputed[] = [];
  for (const row of pending as Array<{ year: unknown; published_at: string; holidays: unknown }>) {
    const year = Number(row.year);
    // The year as stored, whether or not this instance has loaded it yet.
    calendar.publish(year, db.dialect.readJson<HolidayEntry[]>(row.holidays));
    const result = await recomputeForYear(db, registry, calendar, year, now);
    await db
      .knex('calendar_years')
      .where({ year, published_at: row.published_at })
      .update({ recomputed_at: now.toISOString() });
    done.push({ year, ...result });
  }
  return done;
}

/**
 * Gives every case stored before migration 022 its timing accounts, replayed from its audit log once, so that
 * its page stops replaying it. The write is version-checked: a case an event changed meanwhile is left for the
 * next round. Returns how many cases were brought up to date.
 */
export async function replayUnkeptTimings(
  db: Database,
  registry: WorkflowRegistry,
  calendar: WorkingCalendar,
): Promise<number> {
  let after = '';
  let replayed = 0;
  for (;;) {
    const rows = await db
      .knex('applications')
      .whereNull('submission_stopped_days')
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH);
    if (!rows.length) return replayed;
    after = String(rows[rows.length - 1].id);
    for (const row of rows) {
      const app = toApplication(row, db.dialect);
      const def = registry.get(app.workflowId, app.workflowVersion);
      const history = (await db.knex('audit_events').where({ application_id: app.id }).orderBy('seq')).map(
        (r) => toAudit(r, db.dialect),
      );
      const accounts = replayTimingAccounts(app, history, def.acceptanceEvents, calendar);
      replayed += await db
        .knex('applications')
        .where({ id: app.id, version: app.version })
        .update(timingAccountsRow(accounts));
    }
  }
}
