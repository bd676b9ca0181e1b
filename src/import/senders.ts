import { mayFile, maySend } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { SYSTEM_ACTOR, type Actor } from '../engine/records.ts';
import type { WorkflowDefinition } from '../engine/workflow.ts';
import { ImportRefusal } from './errors.ts';
import type { HistoricalEvent } from './line.ts';

/** Who an event of the history is recorded as coming from, and for whom. */
export interface HistoricalSender {
  actor: Actor;
  onBehalfOf: string | null;
  /** The department the event is recorded for (a clerk's own, as live). */
  department?: string;
}

const forbidden = (reason: string, event: string) =>
  new ImportRefusal('forbidden', reason, undefined, undefined, {
    code: 'import-sender-refused',
    params: { event },
  });

/** Fees and inspections have routes and rows of their own that an import line does not carry. */
function isFeeOrInspectionEvent(def: WorkflowDefinition, type: string): boolean {
  return /^(FEE|INSPECTION)_/.test(type) || def.routeEvents?.[type] !== undefined;
}

/** Why a type is not replayed: records that are not events (an export of /history holds them) and fees. */
function notImportable(def: WorkflowDefinition, type: string): string | null {
  if (type === 'CREATE') {
    return "CREATE is implied by the line: the first event's actor creates the case then";
  }
  if (type === 'UPDATE_DRAFT') {
    return 'UPDATE_DRAFT is not replayed: the line carries the project and form as they were submitted';
  }
  if (isFeeOrInspectionEvent(def, type)) {
    return `${type}: fees and inspections are not imported; a history holds the case's own events only`;
  }
  return null;
}

/**
 * The creator of the case: the first event's actor, who must be one who may file for the line's enterprise
 * (mayFile). An agent's historical agreement is not on record here, so `onBehalfOf` names the enterprise.
 */
export function creatorOf(event: HistoricalEvent, applicant: string): HistoricalSender {
  const actor = actorOf(event);
  if (actor.role === 'agent') {
    if (event.onBehalfOf !== applicant) {
      throw forbidden(
        `the first event's actor creates the case: an agent files with onBehalfOf = the applicant ${applicant}`,
        event.type,
      );
    }
    return { actor, onBehalfOf: applicant };
  }
  const verdict =
    actor.role === 'system'
      ? { ok: false as const, reason: 'only an enterprise (or its agent) files applications' }
      : mayFile(actor as Principal, applicant, undefined);
  if (!verdict.ok) throw forbidden(`the first event's actor creates the case: ${verdict.reason}`, event.type);
  noProxy(event);
  return { actor, onBehalfOf: null };
}

/**
 * Who may have sent this event (the live 403 line, maySend): the enterprise's events come from the
 * enterprise itself or from an agent acting for it; timer events from the engine's timers alone.
 */
export function senderOf(
  def: WorkflowDefinition,
  event: HistoricalEvent,
  applicant: string,
): HistoricalSender {
  const notReplayed = notImportable(def, event.type);
  if (notReplayed) {
    throw new ImportRefusal('not-importable', notReplayed, undefined, undefined, {
      code: 'import-not-importable',
      params: { event: event.type },
    });
  }
  const actor = actorOf(event);
  if (def.timerEvents.includes(event.type)) {
    if (actor.role !== 'system') {
      throw forbidden(
        `${event.type} is sent by the engine's timers only; give it the actor role system`,
        event.type,
      );
    }
    return { actor: SYSTEM_ACTOR, onBehalfOf: null };
  }
  if (actor.role === 'system') {
    throw forbidden(
      `the system actor sends timer events only (${def.timerEvents.join(', ') || 'none here'})`,
      event.type,
    );
  }
  const verdict = maySend(actor as Principal, def, event.type, event.department);
  if (!verdict.ok) throw forbidden(verdict.reason, event.type);
  if (actor.role === 'agent') {
    if (event.onBehalfOf !== applicant) {
      throw forbidden(
        `an agent acts for the applicant ${applicant}: give onBehalfOf = ${applicant}`,
        event.type,
      );
    }
    return { actor, onBehalfOf: applicant };
  }
  if (actor.role === 'applicant' && actor.org !== applicant) {
    throw forbidden(
      `an applicant acts for its own enterprise ${actor.org}, not for ${applicant}`,
      event.type,
    );
  }
  noProxy(event);
  return { actor, onBehalfOf: null, ...(verdict.department ? { department: verdict.department } : {}) };
}

function actorOf(event: HistoricalEvent): Actor {
  return { sub: event.actor.sub, role: event.actor.role, org: event.actor.org ?? null };
}

/** Only agents act on behalf of an enterprise; anyone else naming one is a history that did not happen. */
function noProxy(event: HistoricalEvent): void {
  if (event.onBehalfOf) {
    throw forbidden(`only an agent acts on behalf of an enterprise, not a ${event.actor.role}`, event.type);
  }
}
