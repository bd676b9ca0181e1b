import { expect } from 'chai';
import { chineseDate, chineseDateTime } from '../../src/calendar/index.ts';
import {
  feeAssessedMessage,
  licenceIssuedMessage,
  licenceLapsingMessage,
  projectOf,
  supplementRequestedMessage,
} from '../../src/notifications/index.ts';

const project = { code: '2026-360200-48-01-000173', name: '航空小镇零部件厂房3号楼' };

describe('notifications/message-text', () => {
  it('should write Shanghai dates and times in Chinese form, across the UTC day boundary', () => {
    expect(chineseDate('2026-03-09')).to.equal('2026年3月9日');
    // 16:30 UTC on 8 March is 00:30 on 9 March in Shanghai.
    expect(chineseDate('2026-03-08T16:30:00.000Z')).to.equal('2026年3月9日');
    expect(chineseDateTime('2026-03-08T16:30:00.000Z')).to.equal('2026年3月9日 00:30');
    expect(chineseDateTime(new Date('2026-12-31T15:59:00.000Z'))).to.equal('2026年12月31日 23:59');
    expect(() => chineseDateTime('9 March')).to.throw(RangeError);
  });

  it('should build the licence-issued message with the verification link from plain params', () => {
    const message = licenceIssuedMessage({
      project,
      licenceName: '建筑工程施工许可证',
      number: '36020020260302000101',
      publicBaseUrl: 'https://zerotrip.example.gov.cn/',
      startWorksBy: '2026-06-02',
    });
    expect(message.code).to.equal('licence-issued');
    expect(message.params.url).to.equal('https://zerotrip.example.gov.cn/verify/36020020260302000101');
    expect(message.text).to.equal(
      '「航空小镇零部件厂房3号楼」（项目代码 2026-360200-48-01-000173）的建筑工程施工许可证已核发，证照编号36020020260302000101。' +
        '电子证照与纸质证照具有同等法律效力，核验地址：https://zerotrip.example.gov.cn/verify/36020020260302000101。' +
        '下一步：请于2026年6月2日前开工并报告开工；确需延期的，请在此前申请。',
    );
  });

  it('should build the licence-lapsing message naming the day it lapses and what to do', () => {
    const message = licenceLapsingMessage({
      project,
      licenceName: '建筑工程施工许可证',
      number: '36020020260302000101',
      lapsesOn: '2026-06-02',
    });
    expect(message.code).to.equal('licence-lapsing');
    expect(message.text).to.include('（编号36020020260302000101）将于2026年6月2日失效（还有10天）');
    expect(message.text).to.include('下一步：请在此前报告开工，或申请延期');
  });

  it('should write amounts to the fen, and list materials with their reasons', () => {
    expect(feeAssessedMessage({ project, feeName: '城市基础设施配套费', amount: 2127500 }).text).to.include(
      '城市基础设施配套费，金额人民币2127500.00元',
    );
    expect(feeAssessedMessage({ project, feeName: '工本费', amount: 0.1 + 0.2 }).text).to.include('0.30元');
    const supplement = supplementRequestedMessage({
      project,
      department: '消防设计审查验收',
      materials: [{ code: 'fire-drawings', name: '消防设计图纸', reason: '未盖章' }, { code: 'statement' }],
      comment: null,
    });
    expect(supplement.text).to.include('需补正的材料：1. 消防设计图纸（未盖章）；2. statement。');
    expect(supplement.text).to.not.include('说明');
  });

  it("should name a project by its name, then its code, from a case's project", () => {
    expect(projectOf({ code: 'C', name: '厂房' })).to.deep.equal({ code: 'C', name: '厂房' });
    expect(projectOf({ code: 'C', name: ' ' })).to.deep.equal({ code: 'C', name: 'C' });
    expect(projectOf({})).to.deep.equal({ code: null, name: '未命名项目' });
  });
});
