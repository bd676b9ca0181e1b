import type { Role } from '../engine/records.ts';
import {
  compileSchema,
  hazardSentence,
  jsonHazard,
  loadSchema,
  type Validator,
} from '../validation/index.ts';
import { ImportRefusal } from './errors.ts';

/** One event of a historical case, as an import line gives it (schemas/import-line.json). */
export interface HistoricalEvent {
  at: string;
  type: string;
  actor: { sub: string; role: Role; org?: string | null };
  onBehalfOf?: string | null;
  department?: string;
  comment?: string;
  data?: Record<string, unknown>;
}

/** One historical application: its envelope and every event in time order. */
export interface ImportLine {
  workflow: string;
  workflowVersion?: number;
  applicant: string;
  project: Record<string, unknown>;
  form: Record<string, unknown>;
  events: HistoricalEvent[];
}

let validate: Validator<ImportLine> | undefined;

/** Parses and checks one line; a line that is not JSON, or not of the line's shape, is refused with why. */
export function parseImportLine(text: string): ImportLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ImportRefusal(
      'malformed-request',
      `the line is not valid JSON (${(error as Error).message}); put one application per line as a JSON object`,
      undefined,
      undefined,
      { code: 'import-not-json' },
    );
  }
  // The same edge check as every JSON body of the HTTP routes: depth, lone surrogates and NULs.
  const hazard = jsonHazard(value);
  if (hazard) {
    throw new ImportRefusal(
      'malformed-request',
      hazardSentence(hazard, 'the line'),
      hazard.pointer,
      [hazard],
      {
        code: 'import-json-hazard',
      },
    );
  }
  validate ??= compileSchema<ImportLine>(loadSchema('import-line'));
  const result = validate(value);
  if (!result.ok) {
    throw new ImportRefusal(
      'validation-failed',
      `the line does not have the shape of import-line: ${result.errors
        .map((e) => `${e.pointer || '/'} ${e.detail}`)
        .join('; ')}`,
      undefined,
      result.errors,
      { code: 'import-line-shape' },
    );
  }
  return result.value;
}
