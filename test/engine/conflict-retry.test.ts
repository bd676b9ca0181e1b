import { expect } from 'chai';
import { VersionConflictError } from '../../src/errors/index.ts';
import { withConflictRetry } from '../../src/engine/conflict-retry.ts';

/** Work that loses the race `losses` times, then succeeds; counts its runs. */
function racing(losses: number) {
  const work = async () => {
    work.runs++;
    if (work.runs <= losses) throw new VersionConflictError('case-1', work.runs);
    return 'done';
  };
  work.runs = 0;
  return work;
}

describe('engine/conflict-retry', () => {
  it('should run the work again after each lost race, up to the limit', async () => {
    const work = racing(3);
    expect(await withConflictRetry(3, work)).to.equal('done');
    expect(work.runs).to.equal(4);
  });

  it('should hand the last conflict to the caller once the retries are spent', async () => {
    const work = racing(5);
    let error: unknown;
    try {
      await withConflictRetry(2, work);
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(VersionConflictError);
    expect(work.runs).to.equal(3);
  });

  it('should never retry any other error', async () => {
    let runs = 0;
    let error: unknown;
    try {
      await withConflictRetry(5, async () => {
        runs++;
        throw new Error('the database is gone');
      });
    } catch (caught) {
      error = caught;
    }
    expect((error as Error).message).to.equal('the database is gone');
    expect(runs).to.equal(1);
  });
});
