/** A condition on one fact of an application's form (e.g. `undergroundAreaM2 gt 0`). */
export interface Condition {
  field: string;
  op: 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'in';
  value: unknown;
}

/** How a fee's quantity is found: once per case, the form's floor area, or extra certificates asked for. */
export type FeeUnit = 'case' | 'm2-floor-area' | 'certificate';

/** A fee that may be charged, with the legal basis that allows it. */
export interface FeeItem {
  code: string;
  name: string;
  basis: string;
  unit: FeeUnit;
  /** Yuan per unit. */
  rate: number;
  rateWhen?: Array<{ when: Condition; rate: number }>;
  department?: string;
}

/** An inspection that may be carried out, by one department, in the workflows it lists. */
export interface InspectionItem {
  code: string;
  name: string;
  department: string;
  basis: string;
  steps: string[];
  requiredWhen?: Condition;
}

/** The body an admin publishes. */
export interface ChecklistBody {
  source?: string;
  fees: FeeItem[];
  inspections: InspectionItem[];
}

/** A published version. */
export interface Checklist extends ChecklistBody {
  version: number;
  publishedAt: string;
}
