/**
 * Limits a draft meets from its creation on, long before it must be complete: no text longer than its
 * schema allows, and no project or form larger than any real one. Without them a draft could hold a
 * 900 KB project name until SUBMIT, and every list that shows it would carry it.
 */
import { fieldError, type FieldError } from '../errors/index.ts';
import { compileSchema, loadSchema, type Validator } from './validator.ts';

/** The largest project a draft may hold, as UTF-8 JSON; a complete one is well under 4 KiB. */
export const MAX_PROJECT_BYTES = 16 * 1024;

/** The largest form a draft may hold, as UTF-8 JSON. */
export const MAX_FORM_BYTES = 256 * 1024;

// Upper bounds only: required fields, patterns and enums wait for SUBMIT.
const LIMIT_KEYWORDS: ReadonlySet<string> = new Set(['maxLength', 'maxItems', 'maxProperties']);

const validators = new Map<string, Validator<unknown>>();

function limitsOf(formSchema: string): Validator<unknown> {
  let validate = validators.get(formSchema);
  if (!validate) {
    const project = loadSchema('project') as { $id: string };
    const form = loadSchema(formSchema) as { $id: string };
    validate = compileSchema(
      { type: 'object', properties: { project: { $ref: project.$id }, form: { $ref: form.$id } } },
      { onlyKeywords: LIMIT_KEYWORDS },
    );
    validators.set(formSchema, validate);
  }
  return validate;
}

/**
 * What in a draft (`project` and `form` as they would be stored) is over a limit, with pointers from the
 * body root (`/project/name`, `/form`); empty when nothing is.
 */
export function draftLimitErrors(
  formSchema: string,
  draft: { project: unknown; form: unknown },
): FieldError[] {
  const errors: FieldError[] = [];
  const sizes: Array<[keyof typeof draft, number]> = [
    ['project', MAX_PROJECT_BYTES],
    ['form', MAX_FORM_BYTES],
  ];
  for (const [part, limit] of sizes) {
    if (Buffer.byteLength(JSON.stringify(draft[part] ?? {}), 'utf8') > limit) {
      errors.push(fieldError(`/${part}`, 'too-big-json', { kib: limit / 1024 }));
    }
  }
  const result = limitsOf(formSchema)(draft);
  if (!result.ok) errors.push(...result.errors);
  return errors;
}
