import { expect } from 'chai';
import { describeDatabaseError, isDatabaseUnavailable } from '../../src/db/index.ts';

/** An error as a driver throws it: a message and, often, a code. */
const failure = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});

describe('db/unavailable', () => {
  it("should take SQLite's busy, locked, read-only, full and I/O errors for an outage", () => {
    for (const code of [
      'SQLITE_BUSY',
      'SQLITE_LOCKED',
      'SQLITE_READONLY',
      'SQLITE_FULL',
      'SQLITE_IOERR_WRITE',
    ])
      expect(isDatabaseUnavailable(failure('sqlite', code)), code).to.equal(true);
  });

  it("should take PostgreSQL's connection, resource, shutdown and read-only states for an outage", () => {
    for (const code of ['08006', '53100', '57P01', '57P03', '25006', '55000', 'ECONNREFUSED', 'EAI_AGAIN'])
      expect(isDatabaseUnavailable(failure('pg', code)), code).to.equal(true);
    expect(isDatabaseUnavailable(failure('Connection terminated unexpectedly'))).to.equal(true);
  });

  it("should take knex's pool timeouts for an outage, and look inside an AggregateError", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('x'), { name: 'KnexTimeoutError' }))).to.equal(true);
    expect(
      isDatabaseUnavailable(failure('Timeout acquiring a connection. The pool is probably full.')),
    ).to.equal(true);
    const refused = new AggregateError([failure('a', 'ECONNREFUSED'), failure('b', 'ECONNREFUSED')], '');
    expect(isDatabaseUnavailable(refused)).to.equal(true);
  });

  it('should not take a wrong request or a bug for an outage', () => {
    for (const error of [
      failure('UNIQUE constraint failed', 'SQLITE_CONSTRAINT_UNIQUE'),
      failure('duplicate key value', '23505'),
      failure('syntax error', '42601'),
      new TypeError('x is undefined'),
      'a string',
      null,
    ])
      expect(isDatabaseUnavailable(error), String(error)).to.equal(false);
  });

  it('should describe an error in one line with its code and without a password', () => {
    const error = failure(
      'connect ECONNREFUSED postgres://app:secret@db:5432/zerotrip\n    at stack',
      'ECONNREFUSED',
    );
    expect(describeDatabaseError(error)).to.equal('connect ECONNREFUSED postgres://app:***@db:5432/zerotrip');
    expect(describeDatabaseError(failure('disk I/O error', 'SQLITE_IOERR'))).to.equal(
      'disk I/O error (SQLITE_IOERR)',
    );
  });
});
