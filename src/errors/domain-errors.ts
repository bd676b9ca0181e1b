import type { FieldError } from './field-error.ts';

/**
 * The stable slugs of the refusals the layers below HTTP raise; the HTTP layer gives each its status
 * (src/http/errors.ts) and the import its answer line, so both name a refusal the same way.
 */
export type DomainErrorType =
  | 'event-not-allowed'
  | 'version-conflict'
  | 'validation-failed'
  | 'not-found'
  | 'unknown-workflow'
  | 'materials-missing'
  | 'not-in-catalog'
  | 'unauthorized';

/** A refusal with a stable slug: a caller's mistake or a race, never a fault of the service. */
export abstract class DomainError extends Error {
  abstract readonly type: DomainErrorType;
}

/** The event has no transition from the case's current state (or its guard refused it). */
export class EventNotAllowedError extends DomainError {
  readonly type = 'event-not-allowed';
  constructor(
    readonly eventType: string,
    readonly state: unknown,
    readonly status: string,
    readonly reason?: string,
  ) {
    super(
      reason
        ? `${eventType} is not allowed now: ${reason}`
        : `${eventType} is not allowed while the case is ${status} (state ${JSON.stringify(state)})`,
    );
    this.name = 'EventNotAllowedError';
  }
}

/** Another writer changed the case between our read and our write, more often than we retry. */
export class VersionConflictError extends DomainError {
  readonly type = 'version-conflict';
  constructor(
    readonly applicationId: string,
    readonly expectedVersion: number,
  ) {
    super(
      `application ${applicationId} changed while this event was applied (expected version ${expectedVersion})`,
    );
    this.name = 'VersionConflictError';
  }
}

/** The event or the form it submits breaks the workflow's content rules. */
export class ContentInvalidError extends DomainError {
  readonly type = 'validation-failed';
  constructor(
    message: string,
    readonly errors: FieldError[],
  ) {
    super(message);
    this.name = 'ContentInvalidError';
  }
}

/**
 * A required paper has no material yet (SUBMIT, the window's acceptance, SUPPLEMENT after a request naming
 * papers): `missing` lists the catalog codes to hand in.
 */
export class MaterialsMissingError extends DomainError {
  readonly type = 'materials-missing';
  constructor(
    readonly eventType: string,
    readonly missing: readonly string[],
  ) {
    super(`${eventType} needs these materials first: ${missing.join(', ')}`);
    this.name = 'MaterialsMissingError';
  }
}

/** A material code that the case's catalog does not list. */
export class NotInCatalogError extends DomainError {
  readonly type = 'not-in-catalog';
  constructor(
    readonly code: string,
    readonly workflow: string,
    readonly version: number,
    readonly pointer: string,
  ) {
    super(`${code} is not in the material catalog of ${workflow} (version ${version}) this case follows`);
    this.name = 'NotInCatalogError';
  }
}

/** No application with that id. */
export class ApplicationNotFoundError extends DomainError {
  readonly type = 'not-found';
  constructor(readonly applicationId: string) {
    super(`no application ${applicationId}`);
    this.name = 'ApplicationNotFoundError';
  }
}

/** No workflow registered under that id (and version). */
export class UnknownWorkflowError extends DomainError {
  readonly type = 'unknown-workflow';
  constructor(
    readonly workflowId: string,
    readonly version?: number,
  ) {
    super(`no workflow ${workflowId}${version === undefined ? '' : ` version ${version}`}`);
    this.name = 'UnknownWorkflowError';
  }
}

/** A persisted snapshot that no longer fits its machine (status 'error' on restore): a fault, not a refusal. */
export class SnapshotError extends Error {
  constructor(
    readonly applicationId: string,
    cause: unknown,
  ) {
    super(`the stored state of application ${applicationId} cannot be restored`, { cause });
    this.name = 'SnapshotError';
  }
}
