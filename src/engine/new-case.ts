import { randomUUID } from 'node:crypto';
import type { AnyMachineSnapshot } from 'xstate';
import { chainHash, GENESIS_HASH, type ChainedRecord } from './audit-chain.ts';
import { persistSnapshot, statusOf } from './machine-state.ts';
import type { Actor, ApplicationRecord } from './records.ts';
import type { WorkflowDefinition } from './workflow.ts';

/** The facts a new case starts from. */
export interface NewCaseFacts {
  applicant: string;
  project: Record<string, unknown>;
  form: Record<string, unknown>;
  actor: Actor;
  onBehalfOf?: string | null;
}

/**
 * A new case's record and its `CREATE` audit record (seq 1, the first link of its hash chain), from the
 * machine's initial snapshot taken at `at`.
 */
export function newCase(
  def: WorkflowDefinition,
  facts: NewCaseFacts,
  snapshot: AnyMachineSnapshot,
  at: string,
): { record: ApplicationRecord; audit: ChainedRecord & { actor: Actor } } {
  const record: ApplicationRecord = {
    id: randomUUID(),
    workflowId: def.id,
    workflowVersion: def.version,
    applicant: facts.applicant,
    createdBy: facts.actor.sub,
    project: facts.project,
    form: facts.form,
    snapshot: persistSnapshot(def.machine, snapshot),
    state: snapshot.value,
    status: statusOf(snapshot),
    version: 1,
    lastHash: GENESIS_HASH,
    createdAt: at,
    updatedAt: at,
    submittedAt: null,
    acceptedAt: null,
    concludedAt: null,
    limitWorkingDays: null,
    clockStoppedSince: null,
    stoppedWorkingDays: 0,
    dueAt: null,
  };
  const audit = {
    applicationId: record.id,
    seq: 1,
    at,
    type: 'CREATE',
    actor: facts.actor,
    onBehalfOf: facts.onBehalfOf ?? null,
    from: null,
    to: snapshot.value,
    comment: null,
    data: { workflow: def.id, workflowVersion: def.version, applicant: facts.applicant },
  };
  record.lastHash = chainHash(GENESIS_HASH, audit);
  return { record, audit };
}
