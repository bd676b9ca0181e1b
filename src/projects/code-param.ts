/**
 * The `{code}` of every route under `/api/v1/projects/{code}` (the projects' and the task forces'): one rule,
 * that of project-code.ts, so that a code is refused or normalised the same way wherever a route names it.
 */
import { fieldError } from '../errors/index.ts';
import { malformed } from '../http/problem.ts';
import { readProjectCode } from './project-code.ts';

/** The code as printed (upper case, hyphens in place); a code that breaks a rule is 400 naming the rule. */
export function projectCodeParam(raw: string): string {
  const reading = readProjectCode(raw);
  if (!reading.ok)
    throw malformed('bad-project-code', { code: raw }, [fieldError('/path/code', reading.rule)]);
  return reading.value.code;
}
