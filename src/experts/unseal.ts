/**
 * Opening the ballots: when the last present member has voted (or the officer's record of an absence leaves
 * everyone present voted, or too few present), the event that completes the meeting carries every ballot
 * with its salt and the decision of the configured rule. Before that the case's record holds only each
 * ballot's seal, SHA-256 of the canonical ballot followed by its salt, so the opened ballots can be checked
 * against the seals recorded earlier.
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { investmentReviewConfig as config } from '../../db/seeds/investment-review.ts';
import { canonicalJson } from '../json/canonical-json.ts';
import type { InvestmentReviewContext } from '../../workflows/investment-review.ts';
import { decide, weightedScore, type Ballot } from './decision-rule.ts';
import { ballotsOf } from './store.ts';

/** The seal of a ballot. */
export function sealOf(ballot: Ballot, salt: string): string {
  return createHash('sha256').update(canonicalJson(ballot)).update(salt).digest('hex');
}

/**
 * The opened meeting when `voted` and `absent` (after this event) complete it, else null. Ballots of a meeting
 * without quorum stay sealed: the meeting is void and the panel is drawn again.
 */
export async function openedMeeting(
  trx: Knex.Transaction,
  caseId: string,
  context: InvestmentReviewContext,
  voted: readonly string[],
  absent: readonly string[],
): Promise<Record<string, unknown> | null> {
  const present = context.panel.filter((e) => !absent.includes(e));
  const rule = {
    quorum: config.panel.quorum,
    passShare: config.panel.passShare,
    gates: config.gates,
    weights: config.weights,
    maxDeferrals: config.maxDeferrals,
  };
  const meeting = context.meetings;
  if (present.length < config.panel.quorum) {
    return { meeting, outcome: 'no-quorum', rule, present, absent: [...absent], voted: voted.length };
  }
  if (!present.every((e) => voted.includes(e))) return null;
  const opened = (await ballotsOf(trx, caseId, meeting)).filter((b) => present.includes(b.expertId));
  const ballots = opened.map((b) => b.ballot as unknown as Ballot);
  const decision = decide(ballots, present.length, context.deferrals, config);
  const preReviewConditions = Object.values(context.positions)
    .map((p) => p.conditions)
    .filter((c): c is string => typeof c === 'string');
  return {
    meeting,
    ...decision,
    conditions:
      decision.outcome === 'passed-with-conditions' ? [...preReviewConditions, ...decision.conditions] : [],
    reasons: [...new Set(ballots.flatMap((b) => (b.vote === 'reject' ? (b.reasons ?? []) : [])))].sort(),
    rule,
    present,
    absent: [...absent],
    ballots: opened.map((b) => ({
      expert: b.expertId,
      ...b.ballot,
      weightedScore: weightedScore((b.ballot as unknown as Ballot).scores, config.weights),
      salt: b.salt,
      castAt: b.castAt,
    })),
  };
}
