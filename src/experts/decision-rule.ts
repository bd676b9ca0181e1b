/**
 * The meeting's decision by the configured rule (docs/domain.md, "The decision"): pure, so the route that
 * unseals the ballots and any reader of the record compute the same outcome.
 */
import type { InvestmentReviewConfig } from '../../db/seeds/investment-review.ts';
import type { ReviewOutcome } from '../../workflows/investment-review.ts';

/** A member's vote. */
export type Vote = 'pass' | 'pass-with-conditions' | 'defer' | 'reject';

/** One member's sealed ballot: the vote, the score sheet (gates apart from weighted scores), the reasons. */
export interface Ballot {
  vote: Vote;
  gates: Record<string, 'pass' | 'fail'>;
  scores: Record<string, number>;
  reasons?: string[];
  conditions?: string;
  comment: string;
}

/** What the rule says, with the figures it read. */
export interface Decision {
  outcome: ReviewOutcome;
  present: number;
  tally: Record<Vote, number>;
  failedGates: string[];
  /** The conditions of the conditional votes, in the members' order. */
  conditions: string[];
  /** The mean weighted score of the present members' sheets (0–100). */
  meanScore: number | null;
}

/** The weighted score of one sheet (weights add up to 100; scores 0–100). */
export function weightedScore(
  scores: Record<string, number>,
  weights: Readonly<Record<string, number>>,
): number {
  const total = Object.values(weights).reduce((a, b) => a + b, 0);
  const sum = Object.entries(weights).reduce((acc, [criterion, w]) => acc + (scores[criterion] ?? 0) * w, 0);
  return Math.round((sum / total) * 100) / 100;
}

/**
 * The outcome: too few present is `no-quorum`; a pass needs the configured share of present members voting
 * pass or pass-with-conditions and no gate failed by any of them (with conditions when any such vote had
 * them); otherwise more deferrals than rejections defer (while deferrals remain), else it is rejected.
 */
export function decide(
  ballots: readonly Ballot[],
  present: number,
  deferralsSoFar: number,
  config: Pick<InvestmentReviewConfig, 'panel' | 'weights' | 'maxDeferrals'>,
): Decision {
  const tally: Record<Vote, number> = { pass: 0, 'pass-with-conditions': 0, defer: 0, reject: 0 };
  for (const b of ballots) tally[b.vote] += 1;
  const failedGates = [
    ...new Set(
      ballots.flatMap((b) =>
        Object.entries(b.gates)
          .filter(([, v]) => v === 'fail')
          .map(([g]) => g),
      ),
    ),
  ].sort();
  const conditions = ballots
    .filter((b) => b.vote === 'pass-with-conditions' && b.conditions)
    .map((b) => b.conditions!);
  const meanScore = ballots.length
    ? Math.round(
        (ballots.reduce((acc, b) => acc + weightedScore(b.scores, config.weights), 0) / ballots.length) * 100,
      ) / 100
    : null;
  const base = { present, tally, failedGates, conditions, meanScore };
  if (present < config.panel.quorum) return { ...base, outcome: 'no-quorum' };
  const favourable = tally.pass + tally['pass-with-conditions'];
  const { numerator, denominator } = config.panel.passShare;
  if (favourable * denominator >= present * numerator && failedGates.length === 0) {
    return { ...base, outcome: tally['pass-with-conditions'] > 0 ? 'passed-with-conditions' : 'passed' };
  }
  if (tally.defer > tally.reject && deferralsSoFar < config.maxDeferrals)
    return { ...base, outcome: 'deferred' };
  return { ...base, outcome: 'rejected' };
}
