import type { Request } from 'express';
import { fieldError, type ProblemCode } from '../errors/index.ts';
import { malformed } from '../http/problem.ts';
import { queryString } from '../http/request.ts';

/** What an administrator lists of the work that keeps failing (timers, outbox messages). */
export const TROUBLED_STATUSES = ['dead', 'retrying'] as const;
export type TroubledStatus = (typeof TROUBLED_STATUSES)[number];

/** The query of a troubled-work list: which ones, and how many. */
export const TROUBLED_QUERY = [
  {
    name: 'status',
    description: '`dead` (default) or `retrying`.',
    schema: { type: 'string', enum: [...TROUBLED_STATUSES] },
  },
  {
    name: 'limit',
    description: 'At most this many, 1–500 (50 unless told).',
    schema: { type: 'integer', minimum: 1, maximum: 500 },
  },
];

/** The `status` asked for (`dead` unless told); 400 with `code` for anything else. */
export function troubledStatus(req: Request, code: ProblemCode): TroubledStatus {
  const status = queryString(req, 'status') ?? 'dead';
  if (!(TROUBLED_STATUSES as readonly string[]).includes(status)) {
    throw malformed(code, { allowed: TROUBLED_STATUSES.join(' or ') }, [
      fieldError('/query/status', 'not-one-of', { allowed: [...TROUBLED_STATUSES] }),
    ]);
  }
  return status as TroubledStatus;
}
