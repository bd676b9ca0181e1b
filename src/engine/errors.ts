import type { FieldError } from '../http/problem.ts';

/** The event has no transition from the case's current state (or its guard refused it). */
export class EventNotAllowedError extends Error {
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
export class VersionConflictError extends Error {
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
export class ContentInvalidError extends Error {
  constructor(
    message: string,
    readonly errors: FieldError[],
  ) {
    super(message);
    this.name = 'ContentInvalidError';
  }
}

/** No application with that id. */
export class ApplicationNotFoundError extends Error {
  constructor(readonly applicationId: string) {
    super(`no application ${applicationId}`);
    this.name = 'ApplicationNotFoundError';
  }
}

/** No workflow registered under that id (and version). */
export class UnknownWorkflowError extends Error {
  constructor(
    readonly workflowId: string,
    readonly version?: number,
  ) {
    super(`no workflow ${workflowId}${version === undefined ? '' : ` version ${version}`}`);
    this.name = 'UnknownWorkflowError';
  }
}

/** A persisted snapshot that no longer fits its machine (status 'error' on restore). */
export class SnapshotError extends Error {
  constructor(
    readonly applicationId: string,
    cause: unknown,
  ) {
    super(`the stored state of application ${applicationId} cannot be restored`, { cause });
    this.name = 'SnapshotError';
  }
}
