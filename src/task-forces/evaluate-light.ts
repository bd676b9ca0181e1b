/**
 * A project's light from its plan, its actual dates and the rules (issue 16, item 5): a pure verdict, so that
 * the sweep, the battle map and the tests read the same figures. Every rule that fires is a reason; the worst
 * one gives the light.
 */
import { civilFromDay, isoToDay } from '../calendar/index.ts';
import type { LightRules } from './supervision-rules.ts';
import { MILESTONES, type Milestone } from './milestones.ts';

/** A project's light. */
export type Light = 'green' | 'yellow' | 'red';

/** One rule that fired, with the figure that made it fire and the threshold it crossed. */
export interface LightReason {
  rule: 'behind-plan' | 'no-start' | 'slip' | 'stalled';
  light: Exclude<Light, 'green'>;
  value: number;
  threshold: number;
  milestone?: Milestone;
}

/** The light with its reasons and the progress figures behind it. */
export interface LightVerdict {
  light: Light;
  reasons: LightReason[];
  plannedProgress: number;
  actualProgress: number;
  /** The unreached milestone planned first; null once every one is reached. */
  next: { milestone: Milestone; plannedOn: string; slipDays: number } | null;
}

/** What a verdict is made from: the baseline's planned dates, the actual dates, when it took force, today. */
export interface LightInput {
  planned: Partial<Record<Milestone, string>>;
  actual: Partial<Record<Milestone, string>>;
  baselineSince: string;
  today: string;
}

const SEVERITY: Record<Light, number> = { green: 0, yellow: 1, red: 2 };

/** The light of one project on `today`. */
export function evaluateLight(input: LightInput, rules: LightRules): LightVerdict {
  const today = isoToDay(input.today);
  const planned = MILESTONES.filter((m) => input.planned[m] !== undefined);
  const reached = planned.filter((m) => input.actual[m] !== undefined);
  const due = planned.filter((m) => isoToDay(input.planned[m]!) <= today);
  const percent = (n: number) => (planned.length ? Math.round((n / planned.length) * 1000) / 10 : 0);
  const plannedProgress = percent(due.length);
  const actualProgress = percent(reached.length);
  const reasons: LightReason[] = [];
  const grade = (
    rule: LightReason['rule'],
    value: number,
    t: { yellow: number; red: number },
    m?: Milestone,
  ) => {
    const extra = m ? { milestone: m } : {};
    if (value > t.red) reasons.push({ rule, light: 'red', value, threshold: t.red, ...extra });
    else if (value >= t.yellow) reasons.push({ rule, light: 'yellow', value, threshold: t.yellow, ...extra });
  };

  const behind = Math.round((plannedProgress - actualProgress) * 10) / 10;
  if (behind > 0) grade('behind-plan', behind, rules.behindPlanPoints);

  // The next milestone is the unreached one planned first (a plan's dates need not follow the usual order).
  const nextMilestone = planned
    .filter((m) => input.actual[m] === undefined)
    .sort((a, b) => isoToDay(input.planned[a]!) - isoToDay(input.planned[b]!))[0];
  const next = nextMilestone
    ? {
        milestone: nextMilestone,
        plannedOn: input.planned[nextMilestone]!,
        slipDays: Math.max(0, today - isoToDay(input.planned[nextMilestone]!)),
      }
    : null;
  if (next && next.slipDays > 0) grade('slip', next.slipDays, rules.slipDays, next.milestone);

  const signed = input.actual.signing;
  if (signed && !input.actual['works-started']) {
    const months = monthsBetween(isoToDay(signed), today);
    if (months >= rules.noStartMonths.red) {
      reasons.push({ rule: 'no-start', light: 'red', value: months, threshold: rules.noStartMonths.red });
    }
  }

  if (next) {
    const last = Math.max(isoToDay(input.baselineSince), ...reached.map((m) => isoToDay(input.actual[m]!)));
    const periods = Math.floor((today - last) / rules.stalledPeriods.periodDays);
    if (periods > 0) grade('stalled', periods, rules.stalledPeriods);
  }

  const light = reasons.reduce<Light>(
    (worst, r) => (SEVERITY[r.light] > SEVERITY[worst] ? r.light : worst),
    'green',
  );
  return { light, reasons, plannedProgress, actualProgress, next };
}

/** Whole months from one day to another (a month is complete on the same day of the month). */
function monthsBetween(from: number, to: number): number {
  const a = civilFromDay(from);
  const b = civilFromDay(to);
  let months = (b.year - a.year) * 12 + (b.month - a.month);
  if (b.day < a.day) months -= 1;
  return Math.max(0, months);
}
