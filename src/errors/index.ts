/** The shared vocabulary of failures: every layer may raise these; only src/http turns them into answers. */
export { fieldError, type FieldError } from './field-error.ts';
export {
  ApplicationNotFoundError,
  ContentInvalidError,
  DomainError,
  EventNotAllowedError,
  MaterialsMissingError,
  NotInCatalogError,
  LicenceInvalidError,
  PledgeNotEligibleError,
  SnapshotError,
  UnknownWorkflowError,
  VersionConflictError,
  type DomainErrorType,
} from './domain-errors.ts';
export { SENTENCES, isKnownCode, langOf, word, type FieldCode, type ProblemCode } from './wording.ts';
export { FIELD_SENTENCES, type RuleCode } from './field-wording.ts';
export { PROBLEM_SENTENCES } from './problem-wording.ts';
export { IMPORT_LINE_CODES } from './admin-wording.ts';
export type { Lang, Names, Sentence, WordParams, Wording } from './wording-types.ts';
