/** Request validation: JSON Schemas in schemas/, the USCC check and the event content rules. */
export { compileSchema, loadSchema, usccWarnings } from './validator.ts';
export type { CompileOptions, ValidationResult, Validator } from './validator.ts';
export { eventContentErrors } from './event-content.ts';
export type { EventContent } from './event-content.ts';
export { USCC_ALPHABET, hasValidUsccCheck, isWellFormedUscc, usccCheckCharacter } from '../uscc/index.ts';
export { MAX_JSON_DEPTH, hazardParams, hazardSentence, jsonHazard, textHazard } from './json-hazards.ts';
export { MAX_FORM_BYTES, MAX_PROJECT_BYTES, draftLimitErrors } from './draft-limits.ts';
