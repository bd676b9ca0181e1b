import { compileSchema, eventContentErrors, loadSchema } from '../validation/index.ts';
import { ContentInvalidError, fieldError, type FieldError } from '../errors/index.ts';
import type { ApplicationRecord } from './records.ts';
import type { MachineEvent, WorkflowDefinition } from './workflow.ts';

type Validate = ReturnType<typeof compileSchema>;
const submissionValidators = new Map<string, Validate>();

/** The whole submission (`project` and `form`) checked against the workflow's schemas, pointers from the body root. */
function submissionValidator(def: WorkflowDefinition): Validate {
  let validate = submissionValidators.get(def.formSchema);
  if (!validate) {
    const project = loadSchema('project') as { $id: string };
    const form = loadSchema(def.formSchema) as { $id: string };
    validate = compileSchema({
      type: 'object',
      required: ['project', 'form'],
      properties: { project: { $ref: project.$id }, form: { $ref: form.$id } },
    });
    submissionValidators.set(def.formSchema, validate);
  }
  return validate;
}

/** Refuses (422) a submitted case's project and form that no longer meet the workflow's schemas. */
export function checkSubmission(def: WorkflowDefinition, project: unknown, form: unknown): void {
  const result = submissionValidator(def)({ project, form });
  if (!result.ok) {
    throw new ContentInvalidError('correction-invalid', {}, result.errors);
  }
}

/**
 * Content rules an event must meet before the machine sees it (422, checked before the state's 409):
 * the form on submission, reasons where the law asks for them, and the workflow's own bounds.
 */
export function checkEventContent(
  def: WorkflowDefinition,
  event: MachineEvent,
  app: ApplicationRecord,
): void {
  const errors: FieldError[] = [...eventContentErrors(event, def.contentSchema)];
  if (def.submitEvents.includes(event.type)) {
    const result = submissionValidator(def)({ project: app.project, form: app.form });
    if (!result.ok) {
      throw new ContentInvalidError('application-incomplete', {}, result.errors);
    }
  }
  const workingDays = event.data?.workingDays;
  if (event.type === 'EXTEND' && typeof workingDays === 'number' && workingDays > def.maxExtensionDays) {
    errors.push(fieldError('/data/workingDays', 'extension-over-limit', { max: def.maxExtensionDays }));
  }
  const pledgeDate = event.data?.pledgeDate;
  if (
    typeof pledgeDate === 'string' &&
    Date.parse(`${pledgeDate}T23:59:59.999+08:00`) < Date.parse(event.at)
  ) {
    errors.push(fieldError('/data/pledgeDate', 'in-the-past'));
  }
  if (errors.length) throw new ContentInvalidError('event-incomplete', { event: event.type }, errors);
}
