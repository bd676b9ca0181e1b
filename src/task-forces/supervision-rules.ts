/**
 * The configured rules of the supervision of key projects (db/seeds/project-supervision-rules.json): each
 * local number with its source, read once at start, so that a change of practice is a change of data.
 */
import { readFileSync } from 'node:fs';

/** A rule's thresholds: yellow from `yellow` (inclusive), red above `red`. */
export interface Threshold {
  yellow: number;
  red: number;
  source: string;
}

/** Every rule of the lights. */
export interface LightRules {
  /** Percentage points the actual progress is behind the planned one. */
  behindPlanPoints: Threshold;
  /** Whole months after signing without the works started: red from `red`. */
  noStartMonths: { red: number; source: string };
  /** Days the next milestone is late on its planned date. */
  slipDays: Threshold;
  /** Periods of `periodDays` in a row without any milestone reached. */
  stalledPeriods: Threshold & { periodDays: number };
}

/** The rules of the lights and of the issue list. */
export interface SupervisionRules {
  lights: LightRules;
  issues: { escalateAfterDispatches: { value: number; source: string } };
}

const RULES_FILE = new URL('../../db/seeds/project-supervision-rules.json', import.meta.url);

/** The rules as published in the repository; a malformed file stops the start. */
export function loadSupervisionRules(): SupervisionRules {
  const raw = JSON.parse(readFileSync(RULES_FILE, 'utf8')) as SupervisionRules;
  const l = raw.lights;
  const figures = [
    l?.behindPlanPoints?.yellow,
    l?.behindPlanPoints?.red,
    l?.noStartMonths?.red,
    l?.slipDays?.yellow,
    l?.slipDays?.red,
    l?.stalledPeriods?.yellow,
    l?.stalledPeriods?.red,
  ];
  const ok =
    figures.every((v) => typeof v === 'number' && Number.isFinite(v) && v >= 0) &&
    l.stalledPeriods.periodDays >= 1 &&
    Number.isInteger(raw.issues?.escalateAfterDispatches?.value) &&
    raw.issues.escalateAfterDispatches.value >= 1;
  if (!ok) {
    throw new Error(
      `${RULES_FILE.pathname}: every threshold must be a number ≥ 0, periodDays ≥ 1, escalateAfterDispatches an integer ≥ 1`,
    );
  }
  return raw;
}

let published: SupervisionRules | undefined;

/** The rules as published, read on first use and kept: what the routes and the general reports read. */
export function supervisionRules(): SupervisionRules {
  published ??= loadSupervisionRules();
  return published;
}
