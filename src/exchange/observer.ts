/**
 * Writing the exchange records as an engine observer (docs/architecture.md, "Observers"): each record commits
 * with the event it reports, on every path (a request, a timer, the import), so the export and the pusher
 * never reconstruct history and never miss a step. Registered after the licences' observer: an ISSUE's
 * approval document is the licence that observer has just written.
 */
import type { ColumnReader, EventStore } from '../db/index.ts';
import { toApplication, type ApplicationRecord } from '../engine/records.ts';
import type { WorkflowRegistry } from '../engine/registry.ts';
import type { CommittedEvent, EventObserver } from '../engine/types.ts';
import { isApplicationWorkflow } from '../engine/workflow.ts';
import { BLZT, handlingSteps } from './handling-status.ts';
import {
  documentRecord,
  itemRecord,
  projectCodeOf,
  projectRecord,
  stepRecord,
  type CaseFacts,
  type IssuedDocument,
  type SpglRecord,
} from './spgl-records.ts';
import { insertRecords } from './store.ts';

/** What the observer needs: the workflows, the default region, where a licence's PDF is published. */
export interface ExchangeDeps {
  registry: WorkflowRegistry;
  reader: ColumnReader;
  regionCode: string;
  publicBaseUrl: string;
}

/** The approval document's title by licence type (批复文件标题). */
const DOCUMENT_TITLES: Record<string, string> = {
  'construction-permit': '建筑工程施工许可证',
  'completion-certificate': '竣工联合验收意见书',
};

/** The observer the service registers. A case that names no project code is not reported: every table keys on it. */
export function exchangeObserver(deps: ExchangeDeps): EventObserver {
  return async (store, committed) => {
    const { application: app } = committed;
    if (app.workflowId === 'licence') {
      if (committed.type === 'REVOKE') await reportRevocation(deps, store, committed);
      return;
    }
    const def = deps.registry.get(app.workflowId, app.workflowVersion);
    const code = projectCodeOf(app);
    if (!isApplicationWorkflow(def) || code === null) return;
    const concludedApproved = committed.after.status === 'done' && app.status === 'approved';
    const steps = handlingSteps(committed, {
      acceptanceEvents: def.acceptanceEvents,
      acceptedWithDeficiencies: concludedApproved && (await hadDeficiencies(store, app.id)),
    });
    if (steps.length === 0) return;
    const facts = await caseFacts(deps, store, app);
    const at = committed.at;
    const records: SpglRecord[] = [];
    const windowName = facts.departmentNames.get('window') ?? 'window';
    if (steps.some((s) => s.blzt === BLZT.received)) {
      records.push(
        projectRecord(facts, code, at),
        itemRecord(facts, code, at, { windowName, acceptedAt: null }),
      );
    }
    if (steps.some((s) => s.blzt === BLZT.accepted)) {
      records.push(itemRecord(facts, code, at, { windowName, acceptedAt: app.acceptedAt }));
    }
    if (concludedApproved) {
      for (const doc of await documentsOf(deps, store, app.id))
        records.push(documentRecord(facts, code, doc, at));
    }
    const event = {
      seq: committed.seq,
      at,
      actorName: committed.actor.name ?? null,
      comment: committed.comment,
    };
    for (const step of steps) records.push(stepRecord(facts, code, step, event));
    await insertRecords(store, app.id, records, at);
  };
}

/** A revoked licence: the case it concluded reports 撤销, and its approval document is marked invalid. */
async function reportRevocation(deps: ExchangeDeps, store: EventStore, committed: CommittedEvent) {
  const [licence] = await store.query('select application_id from licences where case_id = ?', [
    committed.application.id,
  ]);
  if (!licence) return;
  const [row] = await store.query('select * from applications where id = ?', [licence.application_id]);
  const app = toApplication(row!, deps.reader);
  const code = projectCodeOf(app);
  if (code === null) return;
  const facts = await caseFacts(deps, store, app);
  const records = (await documentsOf(deps, store, app.id, true))
    .filter((doc) => doc.revoked !== null)
    .map((doc) => documentRecord(facts, code, doc, committed.at));
  const event = { seq: committed.seq, at: committed.at, actorName: null, comment: committed.comment };
  records.push(stepRecord(facts, code, { blzt: BLZT.revoked, department: null }, event));
  await insertRecords(store, app.id, records, committed.at);
}

async function caseFacts(deps: ExchangeDeps, store: EventStore, app: ApplicationRecord): Promise<CaseFacts> {
  const rows = await store.query('select code, name_zh from departments', []);
  const departmentNames = new Map(rows.map((r) => [String(r.code), String(r.name_zh)]));
  return { app, regionCode: deps.regionCode, departmentNames };
}

async function hadDeficiencies(store: EventStore, applicationId: string): Promise<boolean> {
  const rows = await store.query(
    "select 1 as found from audit_events where application_id = ? and type = 'ACCEPT_WITH_DEFICIENCIES'",
    [applicationId],
  );
  return rows.length > 0;
}

/** The licences a case's result produced; with `revoked`, also those revoked since. */
async function documentsOf(
  deps: ExchangeDeps,
  store: EventStore,
  applicationId: string,
  revoked = false,
): Promise<IssuedDocument[]> {
  const rows = await store.query(
    'select number, type, issued_at, revoked_at, revocation_reason from licences where application_id = ?',
    [applicationId],
  );
  return rows
    .filter((r) => revoked || r.revoked_at === null)
    .map((r) => ({
      number: String(r.number),
      title: DOCUMENT_TITLES[String(r.type)] ?? String(r.type),
      issuedAt: String(r.issued_at),
      pdfUrl: `${deps.publicBaseUrl}/api/v1/licences/${r.number}/pdf`,
      revoked:
        r.revoked_at === null
          ? null
          : { at: String(r.revoked_at), reason: String(r.revocation_reason ?? '') },
    }));
}
