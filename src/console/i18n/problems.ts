/**
 * Refusals as the console says them: from the problem's `code` and `params` (and each field error's), in the
 * console's language, through the one registry of codes the service words its `detail` from
 * (src/errors/field-wording.ts, problem-wording.ts). Departments, events, statuses and workflows are named
 * from the console's own dictionaries. A code the console does not know (a newer service) falls back to the
 * service's `detail`, which the console asked for in its language (Accept-Language).
 */
import { isKnownCode, word, type Names, type WordParams } from '../../errors/index.ts';
import { lang, tDept, tEvent, tOr, tRole, tStatus, tWorkflow } from './index.ts';

const NAMES: Names = { dept: tDept, event: tEvent, status: tStatus, workflow: tWorkflow, role: tRole };

/** A coded sentence (a problem's or a field error's) in the console's language. */
export function tCode(found: { code?: string; params?: WordParams | object; detail?: string }): string {
  if (found.code && isKnownCode(found.code)) {
    return word(found.code, (found.params ?? {}) as WordParams, lang.get(), NAMES);
  }
  return found.detail ?? '';
}

/** The field a pointer names (`/project/name`, `/form/floorAreaM2`), by its label; the pointer when unnamed. */
export function pointerLabel(pointer: string): string {
  const parts = pointer.split('/').slice(1);
  const name = parts.at(-1) ?? '';
  const parent = parts.length > 1 ? parts.at(-2)! : '';
  if (!name || /^\d+$/.test(name)) return pointer;
  return tOr(`field.${parent}.${name}`, tOr(`field.${name}`, pointer));
}
