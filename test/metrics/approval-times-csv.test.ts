import { expect } from 'chai';
import { approvalTimesCsv, type ApprovalTimesRow } from '../../src/metrics/index.ts';

const row = (group: string): ApprovalTimesRow =>
  ({
    group,
    concluded: 2,
    meanWorkingDays: 3,
    medianWorkingDays: 3,
    p90WorkingDays: 4,
    maxWorkingDays: 4,
    onTimeRate: 1,
    limitWorkingDays: 5,
    overdueOpen: 0,
  }) as ApprovalTimesRow;

describe('metrics/approval-times-csv', () => {
  it('should write Chinese headers and department names after a UTF-8 byte-order mark', () => {
    const csv = approvalTimesCsv([row('fire'), row('civil-defense')], 'department', 'zh-CN');
    expect(csv.startsWith('\uFEFF部门,办结数,')).to.equal(true);
    expect(csv.split('\r\n').slice(1, 3)).to.deep.equal([
      '消防设计审查验收,2,3,3,4,4,1,5,0',
      '人民防空,2,3,3,4,4,1,5,0',
    ]);
  });

  it('should write English headers and codes for lang=en', () => {
    const csv = approvalTimesCsv([row('intake')], 'step', 'en');
    expect(csv.split('\r\n').slice(0, 2)).to.deep.equal([
      'group,concluded,meanWorkingDays,medianWorkingDays,p90WorkingDays,maxWorkingDays,onTimeRate,limitWorkingDays,overdueOpen',
      'intake,2,3,3,4,4,1,5,0',
    ]);
    expect(approvalTimesCsv([row('intake')], 'step', 'zh-CN').split('\r\n')[1]).to.match(/^窗口受理,/);
  });
});
