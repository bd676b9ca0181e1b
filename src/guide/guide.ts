/**
 * The guide before sign-in (办事指南): for a workflow and the facts known so far, the departments that will
 * review with their limits, the case limit, the materials, the fees and the inspections — each computed by the
 * process's own functions (`processOutcome`), so that the guide cannot disagree with the case.
 *
 * A partial form leaves facts open. The guide does not guess them: it computes the outcome for the form as
 * given, then again with each open fact set to each value it could take (`openFacts`), one fact at a time.
 * Whatever changes with a fact "depends on" it: an entry that appears for some values only, a limit or an
 * amount that differs. Such an entry is listed with `dependsOn` naming the facts, and its figure is null when
 * it varies; entries the process never needs for any value tried are left out.
 */
import { collectingDepartment } from '../auth/policy.ts';
import type { Checklist } from '../checklist/index.ts';
import type { WorkflowDefinition } from '../engine/workflow.ts';
import type { MaterialCatalog, MaterialItem } from '../materials/types.ts';
import { openFacts, thresholdsOf } from './open-facts.ts';
import { processOutcome, type OutcomeFee, type OutcomeTask, type ProcessOutcome } from './process-outcome.ts';

/** A figure the open facts may change: the value when it does not, else the lowest and highest seen. */
export interface Figure {
  value: number | null;
  atLeast: number | null;
  atMost: number | null;
}

/** The guide's answer (schemas/responses/guide.json). */
export interface Guide {
  workflow: { id: string; version: number; title: string };
  checklistVersion: number;
  catalogVersion: number | null;
  /** The facts still open that change something below, in the form schema's order. */
  dependsOn: string[];
  caseLimit: Figure & { dependsOn: string[] };
  departments: Array<Omit<OutcomeTask, 'limitDays'> & { limitDays: Figure; dependsOn: string[] }>;
  materials: Array<MaterialItem & { dependsOn: string[] }>;
  fees: Array<{
    code: string;
    name: string;
    basis: string;
    unit: string;
    department: string;
    rate: number | null;
    quantity: number | null;
    amount: number | null;
    dependsOn: string[];
    detail?: string;
  }>;
  inspections: Array<{ code: string; name: string; department: string; basis: string; dependsOn: string[] }>;
}

/** What the guide is computed from. */
export interface GuideInputs {
  def: WorkflowDefinition;
  checklist: Checklist;
  catalog: MaterialCatalog | null;
  form: Record<string, unknown>;
  project: Record<string, unknown>;
  at: string;
}

/** The guide for a workflow and a partial form. */
export function guideFor(inputs: GuideInputs): Guide {
  const { def, checklist, catalog, form } = inputs;
  const baseline = processOutcome(inputs, form);
  const variants = openFacts(def.formSchema, form, thresholdsOf(checklist, catalog)).flatMap((fact) =>
    fact.values.map((value) => ({
      field: fact.field,
      outcome: processOutcome(inputs, { ...form, [fact.field]: value }),
    })),
  );
  const all = [baseline, ...variants.map((v) => v.outcome)];
  /** The open facts whose values change what `read` gives, in the schema's order. */
  const dependsOn = (read: (o: ProcessOutcome) => unknown): string[] => {
    const base = JSON.stringify(read(baseline));
    return [...new Set(variants.filter((v) => JSON.stringify(read(v.outcome)) !== base).map((v) => v.field))];
  };
  const figure = (values: Array<number | null | undefined>): Figure => {
    const seen = values.filter((v): v is number => typeof v === 'number');
    if (!seen.length) return { value: null, atLeast: null, atMost: null };
    const [atLeast, atMost] = [Math.min(...seen), Math.max(...seen)];
    return { value: atLeast === atMost ? atLeast : null, atLeast, atMost };
  };

  const taskKeys = [...new Set(all.flatMap((o) => [...o.tasks.keys()]))];
  const departments = taskKeys.map((key) => {
    const task = all.map((o) => o.tasks.get(key)).find(Boolean)!;
    const { limitDays: _limit, ...rest } = task;
    return {
      ...rest,
      limitDays: figure(all.map((o) => o.tasks.get(key)?.limitDays)),
      dependsOn: dependsOn((o) => o.tasks.get(key) ?? null),
    };
  });

  const materials = (catalog?.items ?? [])
    .filter((item) => all.some((o) => o.materials.has(item.code)))
    .map((item) => ({ ...item, dependsOn: dependsOn((o) => o.materials.has(item.code)) }));

  const inspections = checklist.inspections
    .filter((item) => all.some((o) => o.inspections.has(item.code)))
    .map((item) => ({
      code: item.code,
      name: item.name,
      department: item.department,
      basis: item.basis,
      dependsOn: dependsOn((o) => o.inspections.has(item.code)),
    }));

  const fees = checklist.fees.map((item) => {
    const fee = baseline.fees.get(item.code)!;
    const depends = dependsOn((o) => o.fees.get(item.code));
    const priced = (read: (f: Extract<OutcomeFee, { amount: number }>) => number) =>
      figure(all.map((o) => o.fees.get(item.code)).map((f) => (f && 'amount' in f ? read(f) : null)));
    const decided = depends.length === 0 && 'amount' in fee;
    return {
      code: item.code,
      name: item.name,
      basis: item.basis,
      unit: item.unit,
      department: collectingDepartment(item),
      rate: decided ? fee.rate : priced((f) => f.rate).value,
      quantity: decided ? fee.quantity : null,
      amount: decided ? fee.amount : null,
      dependsOn: depends,
      ...(!depends.length && 'detail' in fee ? { detail: fee.detail } : {}),
    };
  });

  const caseLimit = {
    ...figure(all.map((o) => o.caseLimitDays)),
    dependsOn: dependsOn((o) => o.caseLimitDays),
  };
  const everything = new Set([
    ...caseLimit.dependsOn,
    ...[...departments, ...materials, ...fees, ...inspections].flatMap((e) => e.dependsOn),
  ]);
  return {
    workflow: { id: def.id, version: def.version, title: def.title },
    checklistVersion: checklist.version,
    catalogVersion: catalog?.version ?? null,
    dependsOn: variants.map((v) => v.field).filter((f, i, a) => a.indexOf(f) === i && everything.has(f)),
    caseLimit,
    departments,
    materials,
    fees,
    inspections,
  };
}
