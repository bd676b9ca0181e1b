/** The query parameters the lists share: a closed set of words, and the search box. */
import type { Request } from 'express';
import { fieldError } from '../errors/index.ts';
import { malformed } from './problem.ts';
import { queryString } from './request.ts';

/** A query parameter that must be one of `values`, or undefined when absent; anything else is 400. */
export function enumQuery<T extends string>(req: Request, name: string, values: readonly T[]): T | undefined {
  const value = queryString(req, name);
  if (value === undefined) return undefined;
  if (!(values as readonly string[]).includes(value)) {
    throw malformed('query-value', { name, allowed: values }, [
      fieldError(`/query/${name}`, 'not-one-of', { allowed: values }),
    ]);
  }
  return value as T;
}

/** `?q=`: the search text, trimmed, at most `max` characters (400 beyond); blank counts as absent. */
export function searchQuery(req: Request, max: number): string | undefined {
  const value = queryString(req, 'q')?.trim();
  if (!value) return undefined;
  if ([...value].length > max) {
    throw malformed('search-too-long', { max }, [fieldError('/query/q', 'too-long', { max })]);
  }
  return value;
}
