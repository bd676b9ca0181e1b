import { expect } from 'chai';
import { investmentReviewConfig as config } from '../../db/seeds/investment-review.ts';
import { decide, weightedScore, type Ballot, type Vote } from '../../src/experts/decision-rule.ts';

const GATES = { 'industrial-policy': 'pass', 'land-use-plan': 'pass', environment: 'pass' } as const;
const SCORES = {
  'investment-intensity': 80,
  'tax-yield': 70,
  technology: 90,
  'land-efficiency': 60,
  jobs: 50,
};
const ballot = (vote: Vote, extra: Partial<Ballot> = {}): Ballot => ({
  vote,
  gates: { ...GATES },
  scores: SCORES,
  comment: 'x',
  ...extra,
});
const ballots = (...votes: Vote[]) => votes.map((v) => ballot(v));

describe('experts/decision-rule', () => {
  it('should pass with two thirds pass-or-conditional of those present (4 of 5 present, 3 favourable)', () => {
    // 3 × 3 = 9 ≥ 4 × 2 = 8.
    expect(decide(ballots('pass', 'pass', 'pass', 'reject'), 4, 0, config).outcome).to.equal('passed');
  });

  it('should not pass with 3 favourable of 5 present (9 < 10)', () => {
    expect(decide(ballots('pass', 'pass', 'pass', 'reject', 'reject'), 5, 0, config).outcome).to.equal(
      'rejected',
    );
  });

  it('should pass with conditions when a favourable vote had them, and list them', () => {
    const decision = decide(
      [
        ballot('pass'),
        ballot('pass-with-conditions', { conditions: '三年达产' }),
        ballot('pass'),
        ballot('pass'),
      ],
      4,
      0,
      config,
    );
    expect(decision.outcome).to.equal('passed-with-conditions');
    expect(decision.conditions).to.deep.equal(['三年达产']);
  });

  it('should refuse a pass when any present member failed a gate', () => {
    const failed = ballot('reject', { gates: { ...GATES, environment: 'fail' }, reasons: ['environment'] });
    const decision = decide([...ballots('pass', 'pass', 'pass', 'pass'), failed], 5, 0, config);
    expect(decision.failedGates).to.deep.equal(['environment']);
    expect(decision.outcome).to.equal('rejected');
  });

  it('should defer when deferrals outnumber rejections, once; a second deferral is a rejection', () => {
    const votes = ballots('pass', 'defer', 'defer', 'defer', 'reject');
    expect(decide(votes, 5, 0, config).outcome).to.equal('deferred');
    expect(decide(votes, 5, config.maxDeferrals, config).outcome).to.equal('rejected');
  });

  it('should find no quorum with fewer present than the quorum (3 of 5 where 4 are needed)', () => {
    expect(decide(ballots('pass', 'pass', 'pass'), 3, 0, config).outcome).to.equal('no-quorum');
  });

  it('should weigh a score sheet by the configured weights (hand-computed)', () => {
    // (80×30 + 70×25 + 90×20 + 60×15 + 50×10) / 100 = (2400 + 1750 + 1800 + 900 + 500) / 100 = 73.5
    expect(weightedScore(SCORES, config.weights)).to.equal(73.5);
  });
});
