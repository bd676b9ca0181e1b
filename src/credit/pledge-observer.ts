/**
 * Approval on pledge (告知承诺制) as an engine observer: a construction permit's `SUBMIT` with a pledge is
 * checked against the version's offer, the text in force and the credit register (403 `pledge-not-eligible`);
 * the `ISSUE` of a case decided on pledge opens its verification (a `pledge-verification` case); when its
 * rectification time runs out (`RECTIFICATION_LAPSED`, the timer), the service revokes the licence and writes
 * the false pledge into the credit register, and the enterprise is told. All in the event's transaction: a
 * refusal writes nothing.
 */
import { dayToIso, shanghaiDay } from '../calendar/index.ts';
import type { EventStore } from '../db/index.ts';
import type { Engine } from '../engine/engine.ts';
import type { CommittedEvent } from '../engine/types.ts';
import { ContentInvalidError, fieldError, PledgeNotEligibleError, type FieldError } from '../errors/index.ts';
import { pledgeLicenceRevokedMessage } from '../notifications/pledge-messages.ts';
import { pledgeOfForm, type PledgeChoice } from '../../workflows/parts/pledge.ts';
import { ineligibleUntil } from './credit-rules.ts';
import { pledgeText } from './pledge-texts.ts';
import { excludesOn, recordsOfIn } from './store.ts';
import { tellEnterprise } from './pledge-notices.ts';

/** What the pledge's consequences need: the engine, the months a false pledge excludes, the webhook's use. */
export interface PledgeDeps {
  engine: Engine;
  falsePledgeMonths: number;
  /** Queue the enterprise's messages for the webhook too. */
  webhook: boolean;
}

/** 422 unless the version offers the pledge as filed on the text in force; 403 when the register excludes. */
export async function checkPledge(deps: PledgeDeps, store: EventStore, committed: CommittedEvent) {
  const app = committed.application;
  const pledge = pledgeOfForm(app.form);
  if (!pledge) return;
  const offer = deps.engine.registry.get(app.workflowId, app.workflowVersion).pledge;
  if (!offer) {
    throw invalid([
      fieldError('/form/approvalOnPledge', 'pledge-not-offered', { version: app.workflowVersion }),
    ]);
  }
  const today = dayToIso(shanghaiDay(committed.at));
  const excluding = (await recordsOfIn(store, app.applicant)).find((r) => excludesOn(r, today));
  if (excluding) throw new PledgeNotEligibleError(excluding.kind, excluding.ineligibleUntil);
  const errors: FieldError[] = [];
  pledge.items.forEach((item, i) => {
    if (!offer.items.includes(item)) {
      errors.push(
        fieldError(`/form/approvalOnPledge/items/${i}`, 'pledge-item-not-offered', {
          item,
          offered: [...offer.items],
        }),
      );
    }
  });
  const text = pledgeText(offer.textId)!;
  if (pledge.textId !== text.id || pledge.textSha256 !== text.sha256) {
    errors.push(
      fieldError('/form/approvalOnPledge/textSha256', 'pledge-text-outdated', {
        textId: text.id,
        sha256: text.sha256,
      }),
    );
  }
  if (errors.length > 0) throw invalid(errors);
}

const invalid = (errors: FieldError[]) => new ContentInvalidError('pledge-invalid', {}, errors);

/** The pledge a case was decided on, from its context (version 2 keeps it there). */
export function pledgeOfCase(committed: CommittedEvent): PledgeChoice | null {
  return (committed.after.context as { pledge?: PledgeChoice | null }).pledge ?? null;
}

/** The issue of a case decided on pledge opens the verification of the licence it produced. */
export async function openVerification(
  deps: PledgeDeps,
  store: EventStore,
  committed: CommittedEvent,
  pledge: PledgeChoice,
): Promise<void> {
  const app = committed.application;
  const [licence] = await store.query(
    'select number from licences where application_id = ? and supersedes is null',
    [app.id],
  );
  await deps.engine.createWith(store, {
    workflow: 'pledge-verification',
    applicant: app.applicant,
    project: { ...app.project },
    form: { application: app.id, licence: licence ? String(licence.number) : null, items: pledge.items },
    actor: committed.actor,
    at: new Date(committed.at),
    replayed: committed.replayed,
  });
}

/**
 * The rectification time ran out: the service revokes the licence, citing the unmet pledge and what the
 * department found, writes the false pledge into the credit register and tells the enterprise.
 */
export async function revokeOnFalsePledge(
  deps: PledgeDeps,
  store: EventStore,
  committed: CommittedEvent,
): Promise<void> {
  const verification = committed.application;
  const number = (verification.form as { licence?: string | null }).licence ?? null;
  const reason = await revocationReason(store, verification.id);
  const [licence] = number
    ? await store.query('select case_id, revoked_at from licences where number = ?', [number])
    : [];
  const licenceCase = licence ? await store.application(String(licence.case_id)) : undefined;
  // A licence that has already ended (lapsed, superseded) is not revoked again; the record is written anyway.
  if (
    licence &&
    licenceCase &&
    !licence.revoked_at &&
    !['lapsed', 'superseded'].includes(String(licenceCase.status))
  ) {
    await deps.engine.sendWith(store, {
      applicationId: String(licence.case_id),
      event: { type: 'REVOKE', comment: reason },
      actor: committed.actor,
      at: new Date(committed.at),
      replayed: committed.replayed,
    });
  }
  const publishedOn = dayToIso(shanghaiDay(committed.at));
  const until = ineligibleUntil(publishedOn, deps.falsePledgeMonths);
  await deps.engine.createWith(store, {
    workflow: 'credit-record',
    applicant: verification.applicant,
    project: { ...verification.project },
    form: {
      kind: 'false-pledge',
      source: `告知承诺核查不实：${number ? `证照 ${number} 已撤销` : '审批已撤销'}（${reason}）`,
      decidedOn: publishedOn,
      ineligibleUntil: until,
      originCase: verification.id,
    },
    actor: committed.actor,
    at: new Date(committed.at),
    replayed: committed.replayed,
  });
  if (!committed.replayed) {
    await tellEnterprise(deps, store, committed, (project) =>
      pledgeLicenceRevokedMessage({
        project,
        licence: number,
        reason,
        revokedAt: committed.at,
        ineligibleUntil: until,
      }),
    );
  }
}

/** The unmet pledge and, when the department wrote them, its findings. */
async function revocationReason(store: EventStore, verificationId: string): Promise<string> {
  const [found] = await store.query(
    "select comment from audit_events where application_id = ? and type = 'NON_COMPLIANT' order by seq desc",
    [verificationId],
  );
  const findings = typeof found?.comment === 'string' ? found.comment.trim() : '';
  return `告知承诺不实，逾期未整改${findings ? `（核查发现：${findings}）` : ''}`;
}
