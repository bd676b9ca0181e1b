import { expect } from 'chai';
import { evaluateLight, type LightInput } from '../../src/task-forces/evaluate-light.ts';
import { loadSupervisionRules } from '../../src/task-forces/supervision-rules.ts';

/*
 * The light of a project from its plan and actual dates, against the published rules
 * (db/seeds/project-supervision-rules.json: 银川's 10–30 points yellow, above 30 red, 3 months without start red).
 */

const rules = loadSupervisionRules().lights;

// Ten milestones planned a month apart from 1 January 2026 (signing) to 1 October 2026 (production).
const PLANNED: LightInput['planned'] = {
  signing: '2026-01-01',
  'land-supply': '2026-02-01',
  'code-assigned': '2026-03-01',
  'stage-1': '2026-04-01',
  'stage-2': '2026-05-01',
  'stage-3': '2026-06-01',
  'works-started': '2026-07-01',
  'topped-out': '2026-08-01',
  completion: '2026-09-01',
  production: '2026-10-01',
};

const input = (actual: LightInput['actual'], today: string): LightInput => ({
  planned: PLANNED,
  actual,
  baselineSince: '2026-01-01',
  today,
});

describe('evaluateLight', () => {
  it('should read the thresholds and their sources from the published rules', () => {
    expect(rules.behindPlanPoints).to.include({ yellow: 10, red: 30 });
    expect(rules.behindPlanPoints.source).to.match(/银川/);
    expect(rules.noStartMonths.red).to.equal(3);
  });

  it('should be green on plan, with the progress figures', () => {
    const v = evaluateLight(
      input({ signing: '2026-01-01', 'land-supply': '2026-02-01' }, '2026-02-10'),
      rules,
    );
    expect(v).to.deep.include({ light: 'green', reasons: [], plannedProgress: 20, actualProgress: 20 });
    expect(v.next).to.deep.equal({ milestone: 'code-assigned', plannedOn: '2026-03-01', slipDays: 0 });
  });

  it('should turn yellow 10 points behind plan, a week of slip and two periods without progress', () => {
    // On 8 March, 3 of 10 were due, 2 reached: 10 points behind; code assigned 7 days late; 35 days since
    // the last milestone reached: two periods of 14 days.
    const v = evaluateLight(
      input({ signing: '2026-01-01', 'land-supply': '2026-02-01' }, '2026-03-08'),
      rules,
    );
    expect(v.light).to.equal('yellow');
    expect(v.reasons).to.deep.equal([
      { rule: 'behind-plan', light: 'yellow', value: 10, threshold: 10 },
      { rule: 'slip', light: 'yellow', value: 7, threshold: 7, milestone: 'code-assigned' },
      { rule: 'stalled', light: 'yellow', value: 2, threshold: 2 },
    ]);
  });

  it('should turn red more than 30 points behind, and 3 months after signing without start', () => {
    // On 2 June, 6 of 10 were due and only signing reached: 50 points behind, 5 months without start.
    const v = evaluateLight(input({ signing: '2026-01-01' }, '2026-06-02'), rules);
    expect(v.light).to.equal('red');
    expect(v.reasons.map((r) => [r.rule, r.light])).to.deep.equal([
      ['behind-plan', 'red'],
      ['slip', 'red'],
      ['no-start', 'red'],
      ['stalled', 'red'],
    ]);
    expect(v.reasons.find((r) => r.rule === 'no-start')).to.include({ value: 5, threshold: 3 });
  });

  it('should count 3 whole months from the signing day for the no-start rule', () => {
    const plan = { signing: '2026-01-15', 'works-started': '2026-12-01' };
    const at = (today: string) =>
      evaluateLight(
        { planned: plan, actual: { signing: '2026-01-15' }, baselineSince: '2026-01-15', today },
        rules,
      ).reasons.filter((r) => r.rule === 'no-start');
    expect(at('2026-04-14')).to.deep.equal([]);
    expect(at('2026-04-15')).to.deep.equal([{ rule: 'no-start', light: 'red', value: 3, threshold: 3 }]);
  });

  it('should count supervision periods without progress from the last milestone reached', () => {
    const plan = { signing: '2026-01-01', production: '2027-12-01' };
    const stalled = (today: string) =>
      evaluateLight(
        { planned: plan, actual: { signing: '2026-01-01' }, baselineSince: '2026-01-01', today },
        rules,
      ).reasons.filter((r) => r.rule === 'stalled');
    expect(stalled('2026-01-28')).to.deep.equal([]);
    expect(stalled('2026-01-29')).to.deep.equal([
      { rule: 'stalled', light: 'yellow', value: 2, threshold: 2 },
    ]);
    expect(stalled('2026-02-26')[0]).to.include({ light: 'red', value: 4 });
  });

  it('should be green once every milestone is reached', () => {
    const actual = Object.fromEntries(Object.entries(PLANNED).map(([m, d]) => [m, d]));
    expect(evaluateLight(input(actual, '2027-06-01'), rules)).to.deep.include({ light: 'green', next: null });
  });
});
