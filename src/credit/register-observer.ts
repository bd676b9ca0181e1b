/**
 * The credit register as an engine observer (docs/architecture.md, "Observers"): a `credit-record` case's
 * creation writes the register's row, and a granted `credit-repair` ends the record it names, both in the
 * event's transaction. The record cases' audit chains are the register's history.
 */
import type { EventStore } from '../db/index.ts';
import type { Engine } from '../engine/engine.ts';
import { SYSTEM_ACTOR } from '../engine/records.ts';
import type { CommittedEvent } from '../engine/types.ts';
import { insertCreditRecord, markRepaired } from './store.ts';

/** A new record's row, from the facts of its case. */
export async function recordCreated(store: EventStore, committed: CommittedEvent): Promise<void> {
  const { application: app } = committed;
  const form = app.form as Record<string, unknown>;
  await insertCreditRecord(store, {
    id: app.id,
    enterprise: app.applicant,
    kind: String(form.kind),
    source: String(form.source),
    decidedOn: String(form.decidedOn),
    ineligibleUntil: typeof form.ineligibleUntil === 'string' ? form.ineligibleUntil : null,
    originCase: typeof form.originCase === 'string' ? form.originCase : null,
    recordedAt: committed.at,
    repairedAt: null,
    repairCase: null,
  });
}

/** A granted repair: the record's row and its case both say it is repaired. */
export async function repairGranted(
  engine: Engine,
  store: EventStore,
  committed: CommittedEvent,
): Promise<void> {
  const record = String((committed.application.form as Record<string, unknown>).record);
  await markRepaired(store, record, committed.at, committed.application.id);
  await engine.sendWith(store, {
    applicationId: record,
    event: { type: 'REPAIRED', comment: `credit repair ${committed.application.id} granted` },
    actor: SYSTEM_ACTOR,
    at: new Date(committed.at),
    replayed: committed.replayed,
  });
}
