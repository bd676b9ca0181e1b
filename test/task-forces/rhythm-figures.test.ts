import { expect } from 'chai';
import { rhythmPeriod } from '../../src/task-forces/rhythm-figures.ts';

/*
 * The periods the key projects' figures are counted over, both ends included: the week and the two weeks up to
 * the report's day, or its calendar month (docs/api.md, "Reports").
 */

describe('rhythmPeriod', () => {
  it('should take the 7 days up to the day for the weekly dispatch, across a month end', () => {
    expect(rhythmPeriod('weekly', '2026-03-03')).to.deep.equal({ from: '2026-02-25', to: '2026-03-03' });
  });

  it('should take the 14 days up to the day for the biweekly supervision, across a year end', () => {
    expect(rhythmPeriod('biweekly', '2027-01-05')).to.deep.equal({ from: '2026-12-23', to: '2027-01-05' });
  });

  it("should take the day's calendar month for the monthly bulletin, December and a leap February included", () => {
    expect(rhythmPeriod('monthly', '2026-12-15')).to.deep.equal({ from: '2026-12-01', to: '2026-12-31' });
    expect(rhythmPeriod('monthly', '2028-02-10')).to.deep.equal({ from: '2028-02-01', to: '2028-02-29' });
    expect(rhythmPeriod('monthly', '2026-02-28')).to.deep.equal({ from: '2026-02-01', to: '2026-02-28' });
  });
});
