import type { Checklist, Condition, FeeItem, InspectionItem } from './types.ts';

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

/** The inspections of the checklist that a project needs in a workflow (`requiredInspections` of API.md). */
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
  | { ok: true; rate: number; quantity: number; amount: number }
  | { ok: false; pointer: string; detail: string };

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
        return {
          ok: false,
          pointer: '/quantity',
          detail: `${item.code} is charged once per case; omit quantity`,
        };
      }
      units = 1;
      break;
    case 'm2-floor-area': {
      if (quantity !== undefined) {
        return {
          ok: false,
          pointer: '/quantity',
          detail: `${item.code} is computed from the form's floor area; omit quantity`,
        };
      }
      const area = Number(facts.floorAreaM2);
      if (!(area > 0)) {
        return {
          ok: false,
          pointer: '/code',
          detail: `${item.code} needs the form's floorAreaM2, which this case lacks`,
        };
      }
      units = area;
      break;
    }
    case 'certificate':
      if (quantity === undefined || !Number.isInteger(quantity) || quantity < 1) {
        return {
          ok: false,
          pointer: '/quantity',
          detail: 'give the number of extra certificates, a whole number from 1',
        };
      }
      units = quantity;
      break;
  }
  const amount = multiplyToFen(rate, units);
  if (amount === null) {
    return {
      ok: false,
      pointer: '/code',
      detail: `${item.code} comes to more than a fee can hold (16 digits with 2 decimals, GB/T 39046); check the case's facts`,
    };
  }
  return { ok: true, rate, quantity: units, amount };
}

/**
 * `rate × units` in yuan, rounded half up to the fen. Computed on the decimal digits as written (115 ×
 * 0.009 m² is ¥1.035, which rounds to ¥1.04): binary floating point would see 1.0349999… and lose the fen.
 * Null when the fen do not fit a safe integer (under ¥90 trillion, within n..16,2): no exact amount to store.
 */
function multiplyToFen(rate: number, units: number): number | null {
  const a = decimal(rate);
  const b = decimal(units);
  const product = a.digits * b.digits;
  const scale = a.scale + b.scale;
  let fen: bigint;
  if (scale <= 2) fen = product * 10n ** BigInt(2 - scale);
  else {
    const divisor = 10n ** BigInt(scale - 2);
    fen = (product + divisor / 2n) / divisor;
  }
  return fen <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(fen) / 100 : null;
}

/** A non-negative finite number as an integer and a count of decimals (`1234.567` → 1234567, 3). */
function decimal(value: number): { digits: bigint; scale: number } {
  const match = /^(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(value));
  if (!match) throw new RangeError(`not a non-negative finite number: ${value}`);
  const [, whole, fraction = '', exponent = '0'] = match;
  const scale = fraction.length - Number(exponent);
  const digits = BigInt(whole + fraction);
  return scale >= 0 ? { digits, scale } : { digits: digits * 10n ** BigInt(-scale), scale: 0 };
}

/** Problems a checklist body has beyond its schema: duplicate codes. */
export function checklistProblems(body: {
  fees: FeeItem[];
  inspections: InspectionItem[];
}): Array<{ pointer: string; detail: string }> {
  const problems: Array<{ pointer: string; detail: string }> = [];
  const seen = new Map<string, string>();
  const check = (code: string, pointer: string) => {
    const first = seen.get(code);
    if (first)
      problems.push({ pointer, detail: `code ${code} is already used at ${first}; codes must be unique` });
    else seen.set(code, pointer);
  };
  body.fees.forEach((f, i) => check(f.code, `/fees/${i}/code`));
  body.inspections.forEach((f, i) => check(f.code, `/inspections/${i}/code`));
  return problems;
}
