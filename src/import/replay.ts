import type { Knex } from 'knex';
import { implausibleTime, parseInstant } from '../calendar/index.ts';
import { type Database, knexEventStore } from '../db/index.ts';
import type { Engine } from '../engine/engine.ts';
import { isApplicationWorkflow, type EventInput, type WorkflowDefinition } from '../engine/workflow.ts';
import { ImportRefusal, lineErrorOf, refusalAtEvent, type LineError } from './errors.ts';
import { parseImportLine, type HistoricalEvent, type ImportLine } from './line.ts';
import { creatorOf, senderOf } from './senders.ts';
import { checkTimers } from './timers.ts';
import { currentCatalog } from '../materials/catalog-store.ts';
import { fixCaseCatalog } from '../materials/material-store.ts';

/** What an import runs on: the database it writes to and the engine that replays the histories. */
export interface ImportDeps {
  db: Database;
  engine: Engine;
  /** Told about faults that are not refusals (a bug, the database gone), which the answer line hides. */
  logger?: { error(details: object, message: string): void };
}

/** The answer for one input line; `line` is the physical line number, from 1. */
export type LineResult =
  { line: number; ok: true; id: string } | { line: number; ok: false; error: LineError };

/**
 * Imports one historical application: creates it at its first event's time and replays every event through
 * its workflow at its own time, all in one transaction, so that a refused line leaves nothing behind.
 */
export async function importLine(deps: ImportDeps, text: string, line: number): Promise<LineResult> {
  try {
    return { line, ok: true, id: await replay(deps, parseImportLine(text)) };
  } catch (error) {
    const known = lineErrorOf(error);
    if (known) return { line, ok: false, error: known };
    deps.logger?.error({ err: error, line }, 'import line failed unexpectedly');
    return {
      line,
      ok: false,
      error: { type: 'internal-error', detail: 'an unexpected error occurred; it has been logged' },
    };
  }
}

/**
 * Imports NDJSON line by line, answering each non-blank line in order; blank lines are skipped but counted,
 * so that `line` is the number an editor shows. A refused line does not stop the others.
 */
export async function* importLines(
  deps: ImportDeps,
  lines: Iterable<string> | AsyncIterable<string>,
): AsyncGenerator<LineResult> {
  let number = 0;
  for await (const raw of lines) {
    number++;
    // Tolerates CRLF files and a byte-order mark that editors put in front of the first line.
    const text = (number === 1 ? raw.replace(/^\uFEFF/, '') : raw).replace(/\r$/, '');
    if (text.trim() === '') continue;
    yield await importLine(deps, text, number);
  }
}

/** Imports a whole NDJSON text (the admin route's body); one answer per non-blank line. */
export async function importNdjson(deps: ImportDeps, text: string): Promise<LineResult[]> {
  const results: LineResult[] = [];
  for await (const result of importLines(deps, text.split('\n'))) results.push(result);
  return results;
}

async function replay(deps: ImportDeps, line: ImportLine): Promise<string> {
  const def = workflowOf(deps.engine, line);
  const times = eventTimes(line.events, deps.engine.clock.now());
  return deps.db.knex.transaction(async (trx) => {
    const first = line.events[0]!;
    let applicationId: string;
    try {
      const { application } = await deps.engine.createInTransaction(trx, {
        workflow: def.id,
        workflowVersion: def.version,
        applicant: line.applicant,
        project: line.project,
        form: line.form,
        ...creatorOf(first, line.applicant),
        at: times[0]!,
        replayed: true,
      });
      applicationId = application.id;
    } catch (error) {
      throw refusalAtEvent(error, 0, first);
    }
    for (const [index, event] of line.events.entries()) {
      try {
        await replayEvent(trx, deps, def, applicationId, line.applicant, event, times[index]!);
      } catch (error) {
        throw refusalAtEvent(error, index, event);
      }
    }
    await handledOnPaper(trx, deps, def, applicationId, times[times.length - 1]!);
    return applicationId;
  });
}

/**
 * A past case's papers predate the service: it is held to no materials (the rules exempt it), and the case
 * keeps that they were handled on paper (`case_material_catalogs.on_paper`, `materialsOnPaper` on its page).
 * Its history holds its own events only, as the other system recorded them.
 */
async function handledOnPaper(
  trx: Knex.Transaction,
  deps: ImportDeps,
  def: WorkflowDefinition,
  applicationId: string,
  at: Date,
): Promise<void> {
  const store = knexEventStore(trx, deps.db.dialect);
  const version = (await currentCatalog(store, def.id))?.version ?? 0;
  await fixCaseCatalog(store, {
    applicationId,
    workflow: def.id,
    version,
    onPaper: true,
    at: at.toISOString(),
  });
}

/** The workflow and version the case ran; agreements are not applications and are not imported. */
function workflowOf(engine: Engine, line: ImportLine): WorkflowDefinition {
  const { registry } = engine;
  const known = registry.has(line.workflow) && isApplicationWorkflow(registry.get(line.workflow));
  if (!known) {
    const ids = registry
      .latest()
      .filter((d) => isApplicationWorkflow(d))
      .map((d) => d.id);
    throw new ImportRefusal(
      'unknown-workflow',
      `there is no workflow ${line.workflow}; import one of: ${ids.join(', ')}`,
      '/workflow',
    );
  }
  if (line.workflowVersion === undefined) return registry.get(line.workflow);
  const versions = registry
    .all()
    .filter((d) => d.id === line.workflow)
    .map((d) => d.version);
  if (!versions.includes(line.workflowVersion)) {
    throw new ImportRefusal(
      'unknown-workflow',
      `${line.workflow} has no version ${line.workflowVersion}; registered: ${versions.join(', ')}`,
      '/workflowVersion',
    );
  }
  return registry.get(line.workflow, line.workflowVersion);
}

/**
 * The events' times, each no earlier than the one before: the case is created at the first. Past cases only:
 * from 2000 to now, since an event dated ahead would put a case's record and deadlines in the future.
 */
function eventTimes(events: readonly HistoricalEvent[], now: Date): Date[] {
  return events.map((event, index) => {
    const at = parseInstant(event.at);
    const implausible = implausibleTime(event.at, now, 'now');
    if (!at || implausible) {
      throw new ImportRefusal(
        'validation-failed',
        `/events/${index}/at (${event.at}) ${implausible ?? 'is not a valid time'}`,
        `/events/${index}/at`,
      );
    }
    const previous = index > 0 ? Date.parse(events[index - 1]!.at) : null;
    if (previous !== null && at.getTime() < previous) {
      throw new ImportRefusal(
        'invalid-history',
        `/events/${index} (${event.type} at ${event.at}) comes before the event ahead of it ` +
          `(${events[index - 1]!.type} at ${events[index - 1]!.at}); give the events in time order`,
        `/events/${index}/at`,
      );
    }
    return at;
  });
}

/** One event through the live checks: who may send it, the engine's timers, then the engine (422, 409). */
async function replayEvent(
  trx: Knex.Transaction,
  deps: ImportDeps,
  def: WorkflowDefinition,
  applicationId: string,
  applicant: string,
  event: HistoricalEvent,
  at: Date,
): Promise<void> {
  const sender = senderOf(def, event, applicant);
  const isTimerEvent = def.timerEvents.includes(event.type);
  const fires = await checkTimers(trx, deps.db.dialect, applicationId, event, isTimerEvent);
  // As the scheduler does: the timer row goes in the transaction that applies its event.
  if (fires) await trx('timers').where({ id: fires.id }).del();
  // As the events route does: a clerk's event is recorded for the clerk's own department.
  const department = sender.department ?? event.department;
  const input: EventInput = isTimerEvent
    ? { type: event.type }
    : {
        type: event.type,
        ...(department !== undefined ? { department } : {}),
        ...(event.comment !== undefined ? { comment: event.comment } : {}),
        ...(event.data !== undefined ? { data: event.data } : {}),
      };
  await deps.engine.applyInTransaction(trx, {
    applicationId,
    event: input,
    actor: sender.actor,
    onBehalfOf: sender.onBehalfOf,
    at,
    replayed: true,
  });
}
