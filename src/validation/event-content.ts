/**
 * Content rules for events (schemas/event-content.json): what a refusal, an extension, ... must carry.
 * Checked after the envelope (400) and the caller's role, so a failure here is a 422.
 */
import type { FieldError } from '../errors/index.ts';
import { compileSchema, loadSchema } from './validator.ts';
import type { Validator } from './validator.ts';

/** The parts of an event the content rules look at. */
export interface EventContent {
  type: string;
  comment?: string;
  data?: unknown;
}

// Envelope-valid types only: keeps lowercase helper names in $defs from ever being looked up as a type.
const EVENT_TYPE = /^[A-Z][A-Z_]*$/;

const validators = new Map<string, Validator<EventContent> | null>();

// One validator per rule set and type, compiled on first use; `null` remembers that a type has no rule.
function validatorFor(rules: string, type: string): Validator<EventContent> | null {
  const key = `${rules}#${type}`;
  let validator = validators.get(key);
  if (validator === undefined) {
    const schema = loadSchema(rules) as { $id: string; $defs?: Record<string, unknown> };
    const hasRule = EVENT_TYPE.test(type) && schema.$defs !== undefined && Object.hasOwn(schema.$defs, type);
    validator = hasRule ? compileSchema<EventContent>({ $ref: `${schema.$id}#/$defs/${type}` }) : null;
    validators.set(key, validator);
  }
  return validator;
}

/**
 * What is wrong with an event's comment and data for its type, with pointers from the event body root
 * (`/comment`, `/data/workingDays`); empty when the type has no content rule or the event meets it. `rules`
 * names the schema of a workflow with rules of its own (a licence's `EXTEND` is not an application's).
 */
export function eventContentErrors(event: EventContent, rules = 'event-content'): FieldError[] {
  const result = validatorFor(rules, event.type)?.(event);
  return result && !result.ok ? result.errors : [];
}
