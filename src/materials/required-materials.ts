/**
 * Which catalog items a form requires: each item's `requiredWhen` is a JSON Schema evaluated with ajv, so the
 * conditions are data an admin publishes, not code. Pure: the same catalog and form give the same answer
 * wherever it is asked (the case's checks, the case page, the guide before sign-in).
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { fieldError, type FieldError } from '../errors/index.ts';
import type { MaterialCatalog, MaterialItem, RequiredMaterial } from './types.ts';

// A separate instance: conditions never see (or clash with) the service's own schemas by `$id`.
const ajv = new Ajv2020({ strict: false, allErrors: false });

/** Compiled conditions per catalog version (`workflow@version`); a published version never changes. */
const compiled = new Map<string, Map<string, ValidateFunction>>();

function conditionsOf(catalog: MaterialCatalog): Map<string, ValidateFunction> {
  const key = `${catalog.workflow}@${catalog.version}`;
  let conditions = compiled.get(key);
  if (!conditions) {
    conditions = new Map();
    for (const item of catalog.items) {
      if (item.requiredWhen) conditions.set(item.code, ajv.compile(item.requiredWhen));
    }
    compiled.set(key, conditions);
  }
  return conditions;
}

/**
 * The items of `catalog` that `form` requires, in catalog order, each with its `pledgeable` flag. A partial
 * form is fine: an item whose condition reads a fact the form lacks is judged on the form as it stands.
 */
export function requiredMaterials(
  catalog: MaterialCatalog,
  form: Record<string, unknown>,
): RequiredMaterial[] {
  const conditions = conditionsOf(catalog);
  return catalog.items.filter((item) => {
    const condition = conditions.get(item.code);
    return !condition || condition(form) === true;
  });
}

/** Why a `requiredWhen` at `pointer` cannot be a condition (it does not compile), or null. */
export function conditionProblem(requiredWhen: Record<string, unknown>, pointer: string): FieldError | null {
  if ('$id' in requiredWhen) return fieldError(pointer, 'condition-has-id');
  try {
    ajv.compile(requiredWhen);
    return null;
  } catch (error) {
    // ajv's reason is said in English only; in Chinese the code says the condition cannot be used.
    return {
      ...fieldError(pointer, 'condition-unusable'),
      detail: `is not a usable JSON Schema: ${(error as Error).message}`,
    };
  }
}

/** Problems a catalog body has beyond its schema: duplicate codes, conditions that do not compile. */
export function catalogProblems(items: readonly MaterialItem[]): FieldError[] {
  const problems: FieldError[] = [];
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const first = seen.get(item.code);
    if (first !== undefined) {
      problems.push(
        fieldError(`/items/${i}/code`, 'duplicate-code', { value: item.code, first: `/items/${first}/code` }),
      );
    } else seen.set(item.code, i);
    if (item.requiredWhen) {
      const problem = conditionProblem(item.requiredWhen, `/items/${i}/requiredWhen`);
      if (problem) problems.push(problem);
    }
  });
  return problems;
}
