import type { EventObserver } from '../engine/types.ts';
import { noteEnterpriseName } from './store.ts';

/**
 * Fills the directory from a submitted form, in the event's transaction: a unit of the form (`designUnit`,
 * `constructionUnit`, …) that carries the applicant's own USCC names the applicant. Units carrying another
 * USCC are left alone: one enterprise never names another. Only the form as submitted is read (it has passed
 * the workflow's schema); a name the enterprise or its token gave wins over it.
 */
export const nameFromForm: EventObserver = async (store, committed) => {
  if (committed.type !== 'SUBMIT') return;
  const { applicant, form } = committed.application;
  for (const value of Object.values(form)) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    const { uscc, name } = value as { uscc?: unknown; name?: unknown };
    if (uscc !== applicant || typeof name !== 'string' || !name.trim()) continue;
    await noteEnterpriseName(store, {
      uscc: applicant,
      name: name.trim().slice(0, 200),
      source: 'form',
      at: committed.at,
      by: committed.actor.sub,
    });
    return;
  }
};
