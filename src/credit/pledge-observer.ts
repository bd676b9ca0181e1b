/**
 * Approval on pledge (告知承诺制) as an engine observer: a construction permit's `SUBMIT` with a pledge is
 * checked against the version's offer, the text in force and the credit register (403 `pledge-not-eligible`);
 * the `ISSUE` of a case decided on pledge opens its verification (a `pledge-verification` case); the window's
 * `REVOKE` of a verification revokes the licence and writes the false pledge into the credit register. All in
 * the event's transaction: a refusal writes nothing.
 */
import { dayToIso, shanghaiDay } from '../calendar/index.ts';
import type { EventStore } from '../db/index.ts';
import type { Engine } from '../engine/engine.ts';
import type { CommittedEvent } from '../engine/types.ts';
import { ContentInvalidError, fieldError, PledgeNotEligibleError, type FieldError } from '../errors/index.ts';
import { pledgeOfForm, type PledgeChoice } from '../../workflows/parts/pledge.ts';
import { ineligibleUntil } from './credit-rules.ts';
import { pledgeText } from './pledge-texts.ts';
import { excludesOn, recordsOfIn } from './store.ts';

/** What the pledge's consequences need: the engine, and the months a false pledge excludes. */
export interface PledgeDeps {
  engine: Engine;
  falsePledgeMonths: number;
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

/** The window's revocation after a failed rectification: the licence is revoked, the false pledge recorded. */
export async function revokeOnFalsePledge(
  deps: PledgeDeps,
  store: EventStore,
  committed: CommittedEvent,
): Promise<void> {
  const verification = committed.application;
  const number = (verification.form as { licence?: string | null }).licence ?? null;
  const reason = committed.comment ?? 'false pledge (告知承诺不实)';
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
  await deps.engine.createWith(store, {
    workflow: 'credit-record',
    applicant: verification.applicant,
    project: { ...verification.project },
    form: {
      kind: 'false-pledge',
      source: `告知承诺核查不实：${number ? `证照 ${number} 已撤销` : '审批已撤销'}（${reason}）`,
      decidedOn: publishedOn,
      ineligibleUntil: ineligibleUntil(publishedOn, deps.falsePledgeMonths),
      originCase: verification.id,
    },
    actor: committed.actor,
    at: new Date(committed.at),
    replayed: committed.replayed,
  });
}
