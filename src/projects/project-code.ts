/**
 * The investment project code (投资项目代码), in its two printed forms (docs/domain.md, "Codes"):
 *
 * - the legacy form of the national online approval platform (2017 coding rules), `YYYY-RRRRRR-II-TT-NNNNNN`:
 *   year, GB/T 2260 region, industry, project type, a six-digit serial number, all digits;
 * - the GB/T 40058-2021 form, `YYYY-RRRRRR-DD-TT-NNNNNC`: time, region, central supervising department, project
 *   type, a random code and one check character that may be a capital letter.
 *
 * Both print as 24 characters with four hyphens; schemas/project.json states the same rules as a pattern. The check rules stated here are the ones the sources establish:
 * shape, year, the province of the region code, non-zero department and type codes. The GB/T 40058 check
 * character's algorithm could not be established from public sources, so it is not verified: a code in that
 * form gets a warning, never a refusal (as for the USCC's early codes).
 */

import { fieldError, type FieldError } from '../errors/index.ts';

/** Which printed form a code is in. */
export type ProjectCodeForm = 'legacy' | 'gbt-40058';

/** A code read into its parts. */
export interface ProjectCodeParts {
  /** The code as printed: upper case, hyphens in place. */
  code: string;
  form: ProjectCodeForm;
  year: number;
  region: string;
  department: string;
  type: string;
  serial: string;
}

/** The field codes a code breaks (src/errors/project-wording.ts). */
export type ProjectCodeRule =
  'project-code' | 'project-code-year' | 'project-code-region' | 'project-code-part';

/** Reading a code: its parts and warnings, or the rule it breaks. */
export type ProjectCodeReading =
  | { ok: true; value: ProjectCodeParts; warnings: 'project-code-unverified'[] }
  | { ok: false; rule: ProjectCodeRule };

/** The years a code can carry: none predates the national online platform (bounds chosen here). */
export const FIRST_CODE_YEAR = 2014;
export const LAST_CODE_YEAR = 2099;

// GB/T 2260 province-level prefixes: 11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81, 82.
const PROVINCES = /^(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|81|82)$/;
const PRINTED = /^([0-9]{4})-([0-9]{6})-([0-9]{2})-([0-9]{2})-([0-9]{5}[0-9A-Z])$/;
const COMPACT = /^([0-9]{4})([0-9]{6})([0-9]{2})([0-9]{2})([0-9]{5}[0-9A-Z])$/;

/** Upper case, without spaces (full-width ones too); the compact 20-character form gets its hyphens. */
export function normaliseProjectCode(raw: string): string {
  const text = raw.replace(/[\s\u3000]/g, '').toUpperCase();
  const compact = COMPACT.exec(text);
  return compact ? compact.slice(1).join('-') : text;
}

/** Reads a code in either form, normalised first; a code that breaks a rule names it. */
export function readProjectCode(raw: string): ProjectCodeReading {
  const code = normaliseProjectCode(raw);
  const parts = PRINTED.exec(code);
  if (!parts) return { ok: false, rule: 'project-code' };
  const [, yearText, region, department, type, serial] = parts as unknown as [string, ...string[]];
  const year = Number(yearText);
  if (year < FIRST_CODE_YEAR || year > LAST_CODE_YEAR) return { ok: false, rule: 'project-code-year' };
  if (!PROVINCES.test(region!.slice(0, 2))) return { ok: false, rule: 'project-code-region' };
  if (department === '00' || type === '00') return { ok: false, rule: 'project-code-part' };
  const form: ProjectCodeForm = /[A-Z]$/.test(serial!) ? 'gbt-40058' : 'legacy';
  return {
    ok: true,
    value: { code, form, year, region: region!, department: department!, type: type!, serial: serial! },
    warnings: form === 'gbt-40058' ? ['project-code-unverified'] : [],
  };
}

/** The warnings a case's project gets for its code: a GB/T 40058 check character this service cannot verify. */
export function projectCodeWarnings(project: Record<string, unknown>): FieldError[] {
  if (typeof project.code !== 'string') return [];
  const reading = readProjectCode(project.code);
  return reading.ok ? reading.warnings.map((code) => fieldError('/project/code', code)) : [];
}
