import { yuanTimes } from '../money/index.ts';
import type { Checklist, Condition, FeeItem, InspectionItem } from './types.ts';
import { fieldError, type FieldError } from '../errors/index.ts';

/** Whether the form's facts meet a condition. A missing fact is 0/false/absent, as the forms define. */
export function meets(condition: Condition, facts: Record<string, unknown>): boolean {
  const actual = facts[condition.field];
  const { value } = condition;
  switch (condition.op) {
    case 'eq':
      return (actual ?? defaultFor(value)) === value;
    case 'ne':
      return (actual ?? defaultFor(value)) !== value;
    case 'gt':
      return Number(actual ?? 0) > Number(value);
    case 'gte':
      return Number(actual ?? 0) >= Number(value);
    case 'lt':
      return Number(actual ?? 0) < Number(value);
    case 'lte':
      return Number(actual ?? 0) <= Number(value);
    case 'in':
      return Array.isArray(value) && value.includes(actual);
  }
}

function defaultFor(value: unknown): unknown {
  return typeof value === 'boolean' ? false : typeof value === 'number' ? 0 : undefined;
}

/** The inspections of the checklist that a project needs in a workflow (`requiredInspections` of docs/api.md). */
export function requiredInspections(
  checklist: Checklist,
  workflow: string,
  facts: Record<string, unknown>,
): InspectionItem[] {
  return checklist.inspections.filter(
    (item) => item.steps.includes(workflow) && (!item.requiredWhen || meets(item.requiredWhen, facts)),
  );
}

/** Why a fee cannot be assessed as asked (422), or the quantity and amount it comes to. */
export type FeeAssessment =
  { ok: true; rate: number; quantity: number; amount: number } | ({ ok: false } & FieldError);

/**
 * The amount of a fee from its checklist rate and the application's facts, never from a figure the clerk
 * types: yuan, rounded to the fen (two decimals).
 */
export function assessFee(
  item: FeeItem,
  facts: Record<string, unknown>,
  quantity: number | undefined,
): FeeAssessment {
  const rate = item.rateWhen?.find((r) => meets(r.when, facts))?.rate ?? item.rate;
  let units: number;
  switch (item.unit) {
    case 'case':
      if (quantity !== undefined && quantity !== 1) {
        return { ok: false, ...fieldError('/quantity', 'fee-once-per-case', { fee: item.code }) };
      }
      units = 1;
      break;
    case 'm2-floor-area': {
      if (quantity !== undefined) {
        return { ok: false, ...fieldError('/quantity', 'fee-from-floor-area', { fee: item.code }) };
      }
      const area = Number(facts.floorAreaM2);
      if (!(area > 0)) {
        return { ok: false, ...fieldError('/code', 'fee-needs-floor-area', { fee: item.code }) };
      }
      units = area;
      break;
    }
    case 'certificate':
      if (quantity === undefined || !Number.isInteger(quantity) || quantity < 1) {
        return { ok: false, ...fieldError('/quantity', 'fee-quantity') };
      }
      units = quantity;
      break;
  }
  const amount = yuanTimes(rate, units);
  if (amount === null) {
    return { ok: false, ...fieldError('/code', 'fee-too-large', { fee: item.code }) };
  }
  return { ok: true, rate, quantity: units, amount };
}

/** Problems a checklist body has beyond its schema: duplicate codes. */
export function checklistProblems(body: { fees: FeeItem[]; inspections: InspectionItem[] }): FieldError[] {
  const problems: FieldError[] = [];
  const seen = new Map<string, string>();
  const check = (code: string, pointer: string) => {
    const first = seen.get(code);
    if (first) problems.push(fieldError(pointer, 'duplicate-code', { value: code, first }));
    else seen.set(code, pointer);
  };
  body.fees.forEach((f, i) => check(f.code, `/fees/${i}/code`));
  body.inspections.forEach((f, i) => check(f.code, `/inspections/${i}/code`));
  return problems;
}
