import type { FieldError } from './field-error.ts';
import { word } from './wording.ts';
import type { ProblemCode } from './problem-wording.ts';
import type { WordParams } from './wording-types.ts';

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
  | 'licence-invalid'
  | 'forbidden'
  | 'unauthorized';

/** A refusal with a stable slug: a caller's mistake or a race, never a fault of the service. */
export abstract class DomainError extends Error {
  abstract readonly type: DomainErrorType;
  /** The refusal's code in the registry (src/errors/problem-wording.ts) and its figures. */
  abstract readonly code: ProblemCode;
  abstract readonly params: WordParams;
}

/** The event has no transition from the case's current state (or its guard refused it). */
export class EventNotAllowedError extends DomainError {
  readonly type = 'event-not-allowed';
  readonly code: ProblemCode;
  readonly params: WordParams;
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
    // The workflow's reason is said in English only; in Chinese the code says what kind of wait it is.
    this.code = reason ? 'event-not-ready' : 'event-not-allowed';
    this.params = { event: eventType, status, state: JSON.stringify(state) };
  }
}

/** Another writer changed the case between our read and our write, more often than we retry. */
export class VersionConflictError extends DomainError {
  readonly type = 'version-conflict';
  readonly code = 'version-conflict';
  readonly params: WordParams;
  constructor(
    readonly applicationId: string,
    readonly expectedVersion: number,
  ) {
    super(
      `application ${applicationId} changed while this event was applied (expected version ${expectedVersion})`,
    );
    this.name = 'VersionConflictError';
    this.params = { id: applicationId, version: expectedVersion };
  }
}

/** The event or the form it submits breaks the workflow's content rules. */
export class ContentInvalidError extends DomainError {
  readonly type = 'validation-failed';
  constructor(
    readonly code: ProblemCode,
    readonly params: WordParams,
    readonly errors: FieldError[],
  ) {
    super(word(code, params));
    this.name = 'ContentInvalidError';
  }
}

/**
 * A required paper has no material yet (SUBMIT, the window's acceptance, SUPPLEMENT after a request naming
 * papers): `missing` lists the catalog codes to hand in.
 */
export class MaterialsMissingError extends DomainError {
  readonly type = 'materials-missing';
  readonly code = 'materials-missing';
  readonly params: WordParams;
  constructor(
    readonly eventType: string,
    readonly missing: readonly string[],
  ) {
    super(word('materials-missing', { event: eventType, missing: [...missing] }));
    this.params = { event: eventType, missing: [...missing] };
    this.name = 'MaterialsMissingError';
  }
}

/** A material code that the case's catalog does not list. */
export class NotInCatalogError extends DomainError {
  readonly type = 'not-in-catalog';
  readonly code = 'not-in-catalog';
  readonly params: WordParams;
  constructor(
    readonly material: string,
    readonly workflow: string,
    readonly version: number,
    readonly pointer: string,
  ) {
    super(word('not-in-catalog', { material, workflow, version }));
    this.params = { material, workflow, version };
    this.name = 'NotInCatalogError';
  }
}

/**
 * A cited licence that cannot stand for what it is cited for: unknown, of another type or holder, or no
 * longer valid (a completion acceptance names the construction permit it was built under).
 */
export class LicenceInvalidError extends DomainError {
  readonly type = 'licence-invalid';
  readonly code = 'licence-invalid';
  readonly params: WordParams;
  constructor(
    readonly number: string,
    message: string,
    readonly errors: FieldError[],
  ) {
    super(message);
    this.params = { number };
    this.name = 'LicenceInvalidError';
  }
}

/**
 * The enterprise may not use approval on pledge (告知承诺制): a serious bad-credit record or an earlier false pledge
 * in the credit register excludes it (`kind`; `until` the last day, null until repaired).
 */
export class PledgeNotEligibleError extends DomainError {
  readonly type = 'forbidden';
  readonly code = 'pledge-not-eligible';
  readonly params: WordParams;
  constructor(
    readonly kind: string,
    readonly until: string | null,
  ) {
    super(word('pledge-not-eligible', { kind, until }));
    this.params = { kind, until };
    this.name = 'PledgeNotEligibleError';
  }
}

/** No application with that id. */
export class ApplicationNotFoundError extends DomainError {
  readonly type = 'not-found';
  readonly code = 'application-not-found';
  readonly params: WordParams;
  constructor(readonly applicationId: string) {
    super(`no application ${applicationId}`);
    this.params = { id: applicationId };
    this.name = 'ApplicationNotFoundError';
  }
}

/** No workflow registered under that id (and version). */
export class UnknownWorkflowError extends DomainError {
  readonly type = 'unknown-workflow';
  readonly code = 'unknown-workflow';
  readonly params: WordParams;
  constructor(
    readonly workflowId: string,
    readonly version?: number,
  ) {
    super(`no workflow ${workflowId}${version === undefined ? '' : ` version ${version}`}`);
    this.params = { workflow: workflowId, ...(version === undefined ? {} : { version }) };
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
