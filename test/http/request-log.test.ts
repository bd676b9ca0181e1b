import { expect } from 'chai';
import { redactUrl } from '../../src/http/request-log.ts';

describe('http/request-log', () => {
  it('should replace codes, states and tokens in the query, and keep the rest', () => {
    expect(redactUrl('/auth/callback?code=abc&state=def&iss=x')).to.equal(
      '/auth/callback?code=REDACTED&state=REDACTED&iss=x',
    );
    expect(redactUrl('/x?access_token=eyJ.a.b&id_token=1&Token=2')).to.equal(
      '/x?access_token=REDACTED&id_token=REDACTED&Token=REDACTED',
    );
    expect(redactUrl('/api/v1/applications?limit=5')).to.equal('/api/v1/applications?limit=5');
    expect(redactUrl('/healthz')).to.equal('/healthz');
  });
});
