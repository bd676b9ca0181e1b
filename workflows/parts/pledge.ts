/**
 * Approval on pledge (告知承诺制, 国办发〔2020〕42号): what a workflow version offers, the guard that decides a
 * pledged item at once, and the verification that follows the issue. Not the pledged papers of
 * `pledged-papers.ts` (容缺受理: missing papers delivered later): here the applicant pledges that the
 * conditions are met, and the department checks afterwards.
 */
import { assign } from 'xstate';
import type { MachineEvent, PledgeOffer } from '../../src/engine/workflow.ts';

export type { PledgeOffer };

/** The pledge the applicant signed, as the case keeps it (from the submitted form). */
export interface PledgeChoice {
  items: string[];
  textId: string;
  textSha256: string;
}

/**
 * The construction permit's pledge offer, from version 2: only the permit itself (housing). Fire design
 * (public safety), civil defence (national security) and environment (ecology) are excluded by 国办发〔2020〕42号;
 * planning is left to its own review. The times are each agency's to set (42号); these are the local choice.
 */
export const PERMIT_PLEDGE: PledgeOffer = {
  items: ['housing'],
  textId: 'construction-permit-2026-1',
  verificationWorkingDays: 20,
  rectificationWorkingDays: 20,
  source: '国办发〔2020〕42号 (items, exclusions); working days: local choice',
};

/** The pledge of a submitted form, or null when the applicant did not choose one. */
export function pledgeOfForm(form: Record<string, unknown> | undefined): PledgeChoice | null {
  const pledge = form?.approvalOnPledge as Partial<PledgeChoice> | undefined;
  if (!pledge || !Array.isArray(pledge.items) || pledge.items.length === 0) return null;
  return { items: [...pledge.items], textId: String(pledge.textId), textSha256: String(pledge.textSha256) };
}

/** Guards of a workflow whose items may be decided on pledge. */
export const pledgeGuards = {
  /** The applicant pledged for this item: it is decided at once. */
  pledgedFor: ({ context }: { context: { pledge?: PledgeChoice | null } }, params: { item: string }) =>
    context.pledge?.items.includes(params.item) ?? false,
};

/** What the submission records: the pledge kept with the case (its text's id and hash). */
export const recordPledgeFrom = ({ event }: { event: MachineEvent }) => pledgeOfForm(event.form);

/**
 * The pledge's wiring into a workflow built with or without it (`pledged`): its guard and action (typed as
 * always present, so the workflow's `setup` reads the same either way, but only there when pledged, so that a
 * version without it keeps its recorded implementations), its context field, and its submission action.
 */
export function pledgeWiring<TContext extends { pledge?: PledgeChoice | null }>(pledged: boolean) {
  const recordPledge = assign<TContext, MachineEvent, undefined, MachineEvent, never>({
    pledge: recordPledgeFrom,
  } as never);
  return {
    guards: (pledged ? pledgeGuards : {}) as typeof pledgeGuards,
    actions: (pledged ? { recordPledge } : {}) as { recordPledge: typeof recordPledge },
    context: (pledged ? { pledge: null } : {}) as { pledge?: null },
    onSubmit: (pledged ? ['recordPledge'] : []) as 'recordPledge'[],
  };
}

/** The `always` of a review that decides `item` at once when pledged for, going to `target`; none otherwise. */
export function decidedOnPledge(offered: boolean, item: string, target: string) {
  return offered ? { always: { guard: { type: 'pledgedFor' as const, params: { item } }, target } } : {};
}
