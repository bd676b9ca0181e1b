import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { normaliseProjectCode, readProjectCode } from '../../src/projects/index.ts';

const schema = JSON.parse(readFileSync(new URL('../../schemas/project.json', import.meta.url), 'utf8'));
const pattern = new RegExp(schema.properties.code.pattern);

describe('project-code', () => {
  it('should read a legacy code into its parts, with no warning', () => {
    const reading = readProjectCode('2026-360200-48-01-000173');
    expect(reading).to.deep.equal({
      ok: true,
      value: {
        code: '2026-360200-48-01-000173',
        form: 'legacy',
        year: 2026,
        region: '360200',
        department: '48',
        type: '01',
        serial: '000173',
      },
      warnings: [],
    });
  });

  it('should read a GB/T 40058 code with a letter check character and warn that the check is not verified', () => {
    const reading = readProjectCode('2026-360202-48-01-01234X');
    expect(reading.ok).to.equal(true);
    if (!reading.ok) return;
    expect(reading.value.form).to.equal('gbt-40058');
    expect(reading.warnings).to.deep.equal(['project-code-unverified']);
  });

  it('should normalise case, spaces (full-width too) and the compact 20-character form', () => {
    expect(normaliseProjectCode(' 2026-360202-48-01-01234x ')).to.equal('2026-360202-48-01-01234X');
    expect(normaliseProjectCode('2026 360200\u300048 01 000173')).to.equal('2026-360200-48-01-000173');
    expect(normaliseProjectCode('20263602004801000173')).to.equal('2026-360200-48-01-000173');
    expect(readProjectCode('20263602024801012345x').ok).to.equal(false);
  });

  it('should refuse a code of the wrong shape', () => {
    for (const code of [
      '2026-36020-48-01-000173',
      '2026-360200-48-01-0001',
      'X026-360200-48-01-000173',
      '',
    ]) {
      expect(readProjectCode(code), code).to.deep.equal({ ok: false, rule: 'project-code' });
    }
    expect(readProjectCode('2026-360200-48-01-0001XX')).to.deep.equal({ ok: false, rule: 'project-code' });
  });

  it('should refuse a year before the national platform, a region of no province, and 00 parts', () => {
    expect(readProjectCode('2013-360200-48-01-000173')).to.deep.equal({
      ok: false,
      rule: 'project-code-year',
    });
    for (const region of ['000000', '190100', '990000', '720000']) {
      expect(readProjectCode(`2026-${region}-48-01-000173`), region).to.deep.equal({
        ok: false,
        rule: 'project-code-region',
      });
    }
    expect(readProjectCode('2026-360200-00-01-000173')).to.deep.equal({
      ok: false,
      rule: 'project-code-part',
    });
    expect(readProjectCode('2026-360200-48-00-000173')).to.deep.equal({
      ok: false,
      rule: 'project-code-part',
    });
  });

  it('should accept every province prefix of GB/T 2260, Taiwan, Hong Kong and Macao included', () => {
    for (const prefix of [
      '11',
      '15',
      '21',
      '23',
      '31',
      '37',
      '41',
      '46',
      '50',
      '54',
      '61',
      '65',
      '71',
      '81',
      '82',
    ]) {
      expect(readProjectCode(`2026-${prefix}0100-48-01-000173`).ok, prefix).to.equal(true);
    }
  });

  it('should agree with the pattern of schemas/project.json on every printed code', () => {
    const codes = [
      '2026-360200-48-01-000173',
      '2026-360202-48-01-01234X',
      '2013-360200-48-01-000173',
      '2014-110100-01-01-000001',
      '2099-820000-99-99-99999Z',
      '2100-360200-48-01-000173',
      '2026-190100-48-01-000173',
      '2026-720000-48-01-000173',
      '2026-360200-00-01-000173',
      '2026-360200-48-00-000173',
      '2026-360200-48-01-0001XX',
      '2026-360200-48-01-000173 ',
    ];
    for (const code of codes)
      expect(pattern.test(code), code).to.equal(readProjectCode(code.trim()).ok && code === code.trim());
  });
});
