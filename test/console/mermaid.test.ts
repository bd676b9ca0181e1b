import { expect } from 'chai';
import { activePaths, parseMermaid, type StateNode } from '../../src/console/lib/mermaid.ts';
import { toMermaid } from '../../src/engine/mermaid.ts';
import { createConstructionPermitMachine } from '../../workflows/construction-permit.ts';

const find = (nodes: StateNode[], path: string[]): StateNode | undefined => {
  const [key, ...rest] = path;
  const node = nodes.find((n) => n.key === key);
  return rest.length ? (node ? find(node.children, rest) : undefined) : node;
};

describe('console workflow diagram', () => {
  const machine = createConstructionPermitMachine({ workingDaysLater: (at: string) => new Date(at) });
  const tree = parseMermaid(toMermaid(machine));

  it('should read the published Mermaid text into the statechart tree, regions and notes included', () => {
    expect(tree.map((n) => n.key)).to.deep.equal([
      'draft',
      'intake',
      'accepted',
      'approved',
      'denied',
      'refused',
      'withdrawn',
    ]);
    const review = find(tree, ['accepted', 'review'])!;
    expect(review.parallel).to.equal(true);
    expect(review.children.map((n) => n.key)).to.deep.equal([
      'planning',
      'housing',
      'fire',
      'civilDefense',
      'environment',
      'deficiencies',
    ]);
    expect(find(tree, ['intake'])!.notes).to.deep.equal(['window intake (5 WD)']);
    expect(find(tree, ['intake', 'awaitingSupplement'])!.notes).to.deep.equal(['clock stopped (applicant)']);
  });

  it('should mark every active state of a parallel state value and its ancestors', () => {
    const active = activePaths({
      accepted: { review: { planning: 'approved', fire: { review: 'reviewing' }, deficiencies: 'none' } },
    });
    for (const path of [
      'accepted',
      'accepted.review',
      'accepted.review.planning.approved',
      'accepted.review.fire.review.reviewing',
    ]) {
      expect(active.has(path), path).to.equal(true);
    }
    expect(active.has('accepted.review.housing')).to.equal(false);
    expect([...activePaths('draft')]).to.deep.equal(['draft']);
  });
});
