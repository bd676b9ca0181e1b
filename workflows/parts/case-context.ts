import { INTAKE_WORKING_DAYS } from '../../src/timing/intake-limit.ts';

/** What every application workflow remembers about the window's handling, whatever its process. */
export interface CaseContext {
  /** The window asks for supplements once, listing everything (Administrative Licensing Law art. 32). */
  intakeSupplementAsked: boolean;
  /** Papers accepted as missing under a pledge (容缺受理) and the date they are promised for. */
  deficiencies: string[];
  pledgeDate: string | null;
  /** Working days added by the one lawful extension. */
  extensionDays: number;
  /** Fees assessed from the checklist and not yet paid or waived: the result is not handed back before. */
  outstandingFees: number;
}

/** A new case: nothing asked, pledged, extended or owed yet. */
export const initialCaseContext: CaseContext = {
  intakeSupplementAsked: false,
  deficiencies: [],
  pledgeDate: null,
  extensionDays: 0,
  outstandingFees: 0,
};

/** Working-day limits the window keeps in every process, each with its source (docs/domain.md). */
export const caseLimits = {
  /** Administrative Licensing Law art. 32: accept, or ask for everything missing, within 5 days. */
  intake: INTAKE_WORKING_DAYS,
  /** Local choice: the window hands back the result within 2 working days of the last approval. */
  issue: 2,
  /** Taizhou rule: a case suspended for missing pledged papers is returned after 15 more working days. */
  suspensionReturn: 15,
} as const;
