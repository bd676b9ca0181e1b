import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { drawOrder, eligibleIds, type RosterEntry } from '../../src/experts/draw.ts';

const IDS = ['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'e8', 'e9', 'e10'];

/** The first 32-bit word of block 0, computed here from the published recipe, not from the code under test. */
function firstWord(seed: string): number {
  const digest = createHash('sha256')
    .update(Buffer.concat([Buffer.from(seed, 'utf8'), Buffer.from([0, 0, 0, 0])]))
    .digest();
  return digest.readUInt32BE(0);
}

describe('experts/draw', () => {
  it('should give the same order for the same seed and roster, whatever order the roster comes in', () => {
    const a = drawOrder('public-seed-42', IDS, 5);
    const b = drawOrder('public-seed-42', [...IDS].reverse(), 5);
    expect(a).to.deep.equal(b);
    expect(new Set(a).size).to.equal(5);
  });

  it('should give another order for another seed', () => {
    expect(drawOrder('public-seed-42', IDS, 10)).not.to.deep.equal(drawOrder('public-seed-43', IDS, 10));
  });

  it('should pick the first id as the published recipe says: word mod n over the sorted ids', () => {
    // 10 ids: 2^32 mod 10 = 6, so only the words ≥ 2^32 − 6 are dropped; a seed's first word is kept.
    for (const seed of ['alpha-seed', 'beta-seed', '2026-03-lottery']) {
      const sorted = [...IDS].sort();
      expect(drawOrder(seed, IDS, 1)[0]).to.equal(sorted[firstWord(seed) % 10]);
    }
  });

  it('should extend the panel with replacements without changing it (the next picks of the same stream)', () => {
    const panel = drawOrder('seed-x', IDS, 5);
    const longer = drawOrder('seed-x', IDS, 7);
    expect(longer.slice(0, 5)).to.deep.equal(panel);
    expect(panel).not.to.include.members(longer.slice(5));
  });

  it('should stop when the pool runs out', () => {
    expect(drawOrder('seed', ['a', 'b'], 5)).to.have.members(['a', 'b']);
  });

  it('should draw every member about equally often (no modulo bias to speak of over 3,000 seeds)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const [first] = drawOrder(`seed-${i}`, ['a', 'b', 'c'], 1);
      counts.set(first!, (counts.get(first!) ?? 0) + 1);
    }
    for (const n of counts.values()) expect(n).to.be.within(880, 1120);
  });

  it('should keep out the experts of other fields, those related to the applicant and earlier reviewers', () => {
    const roster: RosterEntry[] = [
      { id: 'a', fields: ['steel'], relatedToApplicant: false, earlierReviewOfProject: false },
      { id: 'b', fields: ['biomedicine'], relatedToApplicant: false, earlierReviewOfProject: false },
      { id: 'c', fields: ['steel'], relatedToApplicant: true, earlierReviewOfProject: false },
      { id: 'd', fields: ['steel', 'glass'], relatedToApplicant: false, earlierReviewOfProject: true },
      { id: 'e', fields: ['glass', 'steel'], relatedToApplicant: false, earlierReviewOfProject: false },
    ];
    expect(eligibleIds(roster, { industry: 'steel', applicant: 'X', projectCode: null })).to.deep.equal([
      'a',
      'e',
    ]);
  });
});
