import { historyOf } from '../cases/queries.ts';
import { toAudit, type ApplicationRecord, type AuditRecord } from '../engine/records.ts';
import type { HttpContext } from '../http/context.ts';
import type { DelegationTerms } from '../../workflows/delegation.ts';
import { namesFor } from '../directory/store.ts';
import { actsInNameOf, delegationRow } from './store.ts';

/** The agreement, who holds it, and — on the detail — every act done under it in the enterprise's name. */
export async function delegationView(ctx: HttpContext, app: ApplicationRecord, detail: boolean) {
  const row = await delegationRow(ctx.db, app.id);
  const terms = app.form as Partial<DelegationTerms>;
  const agent = row?.requested_agent ?? null;
  const holder = row?.holder ?? null;
  const names = await namesFor(ctx.db, { people: [agent, holder], enterprises: [app.applicant] });
  const view = {
    id: app.id,
    enterprise: app.applicant,
    enterpriseName: names.enterprises.get(app.applicant) ?? null,
    agent,
    agentName: agent ? (names.people.get(agent) ?? null) : null,
    holder,
    holderName: holder ? (names.people.get(holder) ?? null) : null,
    stages: terms.stages ?? null,
    applications: terms.applications ?? null,
    expiresAt: row?.expires_at ?? terms.expiresAt,
    note: terms.note ?? null,
    status: app.status,
    version: app.version,
    createdAt: app.createdAt,
    updatedAt: app.updatedAt,
    concludedAt: app.concludedAt,
  };
  if (!detail) return view;
  const [history, acts] = await Promise.all([
    historyOf(ctx.db, app.id),
    row?.holder ? actsInNameOf(ctx.db, app.applicant, row.holder, app.createdAt) : [],
  ]);
  const record = (audit: AuditRecord) => {
    const { prevHash: _prev, clockStopped: _clock, clockSpecial: _special, status: _status, ...rest } = audit;
    return rest;
  };
  return {
    ...view,
    history: history.map(record),
    acts: acts.map((r) => ({ applicationId: r.application_id, ...record(toAudit(r, ctx.db.dialect)) })),
  };
}
