/** Who is told of a step of a case: the enterprise, and the agents acting for it on that case. */
import type { ColumnReader, EventStore } from '../db/index.ts';
import { coversCase, type ActiveDelegation } from '../delegations/scope.ts';
import type { WorkflowRegistry } from '../engine/registry.ts';
import type { Recipient } from './message.ts';

/**
 * The enterprise that owns the case (every user of it) and each agent holding an agreement that is active at
 * `at` and covers the case (docs/api.md, proxy handling). Read through the event's store, so that an agreement
 * accepted in the same batch counts.
 */
export async function caseRecipients(
  store: EventStore,
  reader: ColumnReader,
  registry: WorkflowRegistry,
  app: { id: string; applicant: string; workflowId: string },
  at: string,
): Promise<Recipient[]> {
  const rows = await store.query(
    'select d.id, d.enterprise, d.holder, d.stages, d.application_ids, d.expires_at from delegations d ' +
      "join applications a on a.id = d.id where d.enterprise = ? and d.holder is not null and a.status = 'active' " +
      'and d.expires_at > ?',
    [app.applicant, at],
  );
  const agents = rows
    .map((row): ActiveDelegation => ({
      id: String(row.id),
      enterprise: String(row.enterprise),
      holder: String(row.holder),
      stages: reader.readJson<Array<number | string> | null>(row.stages),
      applicationIds: reader.readJson<string[] | null>(row.application_ids),
      expiresAt: String(row.expires_at),
    }))
    .filter((d) => coversCase(d, app, registry))
    .map((d): Recipient => ({ kind: 'agent', id: d.holder }));
  return [{ kind: 'enterprise', id: app.applicant }, ...agents];
}
