import { initialTransition } from 'xstate';
import type { WorkingCalendar } from '../calendar/index.ts';
import type { EventStore } from '../db/index.ts';
import { GENESIS_HASH } from './audit-chain.ts';
import type { Clock } from './clock.ts';
import { applyEffects, effectContextFor } from './effects.ts';
import { clockStopped, specialProcedureRunning } from './machine-state.ts';
import { newCase } from './new-case.ts';
import type { EventObservers } from './observers.ts';
import type { WorkflowRegistry } from './registry.ts';
import { applicationRow, insertAudit } from './rows.ts';
import type { CreateInput, SendResult } from './types.ts';

/** What creating a case needs of the engine. */
export interface CreateCaseContext {
  registry: WorkflowRegistry;
  clock: Clock;
  calendar: WorkingCalendar;
  observers: EventObservers;
}

/**
 * Creates a case through a store: the machine's initial snapshot from the case's facts and the time, the case
 * row, its `CREATE` audit record (seq 1), the effects of the initial state (tasks, timers, outbox), and the
 * observers, all in the store's transaction.
 */
export async function createCase(
  store: EventStore,
  { registry, clock, calendar, observers }: CreateCaseContext,
  input: CreateInput,
): Promise<SendResult> {
  const def = registry.get(input.workflow, input.workflowVersion);
  const at = (input.at ?? clock.now()).toISOString();
  const [snapshot, actions] = initialTransition(def.machine, {
    at,
    applicant: input.applicant,
    project: input.project,
    form: input.form,
  });
  const { record, audit } = newCase(def, input, snapshot, at);
  await store.insertApplication(applicationRow(record));
  await insertAudit(
    store,
    audit,
    GENESIS_HASH,
    record.lastHash,
    record.status,
    clockStopped(snapshot),
    specialProcedureRunning(snapshot),
  );
  const effects = effectContextFor(store, calendar, record, at, 1, 'CREATE');
  await applyEffects(effects, { before: null, after: snapshot, actions, concluded: false });
  if (observers.any) {
    await observers.notify(store, {
      application: record,
      previousStatus: null,
      type: 'CREATE',
      at,
      actor: input.actor,
      onBehalfOf: input.onBehalfOf ?? null,
      comment: null,
      data: null,
      seq: 1,
      replayed: input.replayed === true,
      before: null,
      after: snapshot,
    });
  }
  return { application: record, snapshot, seq: 1 };
}
