import { expect } from 'chai';
import { toCsv } from '../../src/metrics/csv.ts';

describe('metrics/csv', () => {
  it('should write a header line and RFC 4180 quoting', () => {
    expect(toCsv(['a', 'b'], [{ a: 'x,y', b: 'say "hi"' }])).to.equal('a,b\r\n"x,y","say ""hi"""\r\n');
  });

  it('should neutralise text cells a spreadsheet would run as a formula (OWASP CSV injection)', () => {
    const rows = ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'].map((group) => ({
      group,
    }));
    const lines = toCsv(['group'], rows).split('\r\n').slice(1, -1);
    expect(lines).to.deep.equal([
      `"'=HYPERLINK(""http://x"",""y"")"`,
      "'+1+1",
      "'-2+3",
      "'@SUM(A1)",
      "'\t=1",
      `"'\r=1"`,
    ]);
  });

  it('should leave numbers as numbers, negative ones included, and ordinary text alone', () => {
    expect(toCsv(['n', 'm', 't'], [{ n: -1.5, m: 0, t: 'construction-permit' }])).to.equal(
      'n,m,t\r\n-1.5,0,construction-permit\r\n',
    );
  });
});
