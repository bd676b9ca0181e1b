import {
  ContentInvalidError,
  EventNotAllowedError,
  UnknownWorkflowError,
  VersionConflictError,
  type FieldError,
  type ProblemCode,
  type WordParams,
} from '../errors/index.ts';

/** Why one line was refused, as the import's answer line carries it. */
export interface LineError {
  /** A stable slug, the same as the live route would answer with (`event-not-allowed`, `forbidden`, …). */
  type: string;
  detail: string;
  /** The refusal's code in the wording registry, and its params: how a client words it in its language. */
  code?: ProblemCode;
  params?: WordParams;
  /** JSON pointer from the line's root to what was refused, e.g. `/events/3`. */
  pointer?: string;
  errors?: FieldError[];
}

/** A line the import refuses: its history could not have happened, or the line is not a history at all. */
export class ImportRefusal extends Error {
  constructor(
    readonly type: string,
    readonly detail: string,
    readonly pointer?: string,
    readonly errors?: FieldError[],
    readonly wording?: { code: ProblemCode; params?: WordParams },
  ) {
    super(detail);
    this.name = 'ImportRefusal';
  }
}

/** The answer for a failure; `null` when it is not a refusal but a fault (a bug or the database). */
export function lineErrorOf(error: unknown): LineError | null {
  if (error instanceof ImportRefusal) {
    return {
      type: error.type,
      detail: error.detail,
      ...(error.wording ? { code: error.wording.code, params: error.wording.params ?? {} } : {}),
      ...(error.pointer !== undefined ? { pointer: error.pointer } : {}),
      ...(error.errors ? { errors: error.errors } : {}),
    };
  }
  if (error instanceof ContentInvalidError) {
    return {
      type: error.type,
      detail: error.message,
      code: error.code,
      params: error.params,
      errors: error.errors,
    };
  }
  if (
    error instanceof EventNotAllowedError ||
    error instanceof UnknownWorkflowError ||
    error instanceof VersionConflictError
  ) {
    return { type: error.type, detail: error.message, code: error.code, params: error.params };
  }
  return null;
}

/**
 * The refusal of one event of the history: the engine's reason, prefixed with which event it was. Pointers of
 * the event's own content are made relative to the line; those of the submitted form already are.
 */
export function refusalAtEvent(error: unknown, index: number, event: { type: string; at: string }): unknown {
  const known = lineErrorOf(error);
  if (!known) return error;
  const pointer = `/events/${index}`;
  const fromLineRoot = (p: string) => p.startsWith('/form') || p.startsWith('/project');
  return new ImportRefusal(
    known.type,
    `${pointer} (${event.type} at ${event.at}): ${known.detail}`,
    pointer,
    known.errors?.map((e) => (fromLineRoot(e.pointer) ? e : { ...e, pointer: pointer + e.pointer })),
    known.code ? { code: known.code, params: known.params } : undefined,
  );
}
