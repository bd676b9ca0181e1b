import { expect } from 'chai';
import { parsePrometheusText, sampleValue } from './prometheus-text.ts';

describe('test/support/prometheus-text', () => {
  it('should refuse what breaks the text format', () => {
    const broken = [
      'a 1', // no line feed at the end
      'a{b="1"} x\n', // not a number
      'a{b="1} 1\n', // unterminated label value
      'a{b="\\q"} 1\n', // unknown escape
      'a{b="1",b="2"} 1\n', // label twice
      'a 1\na 2\n', // duplicate series
      'a 1\nb 1\na{c="1"} 1\n', // a family split in two
      '# TYPE a gauge\n# TYPE a gauge\na 1\n', // second TYPE
      'a 1\n# TYPE a gauge\n', // TYPE after the samples
      '# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_count 1\n', // not cumulative
      '# TYPE h histogram\nh_bucket{le="1"} 1\nh_count 1\n', // no +Inf bucket
    ];
    for (const text of broken) expect(() => parsePrometheusText(text), text).to.throw();
  });

  it('should read escapes, special values and timestamps', () => {
    const families = parsePrometheusText(
      '# HELP a A \\\\ help\n# TYPE a gauge\na{x="q\\"\\n\\\\",} Nan 1700000000000\nb -Inf\n\n# free comment\n',
    );
    expect(families.get('a')).to.include({ help: 'A \\ help', type: 'gauge' });
    expect(families.get('a')!.samples[0]).to.deep.include({
      labels: { x: 'q"\n\\' },
      timestamp: 1700000000000,
    });
    expect(sampleValue(families, 'a', { x: 'q"\n\\' })).to.be.NaN;
    expect(sampleValue(families, 'b')).to.equal(-Infinity);
  });
});
