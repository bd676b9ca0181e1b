/** The shared vocabulary of failures: every layer may raise these; only src/http turns them into answers. */
export type { FieldError } from './field-error.ts';
export {
  ApplicationNotFoundError,
  ContentInvalidError,
  DomainError,
  EventNotAllowedError,
  MaterialsMissingError,
  NotInCatalogError,
  SnapshotError,
  UnknownWorkflowError,
  VersionConflictError,
  type DomainErrorType,
} from './domain-errors.ts';
