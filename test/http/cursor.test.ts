import { expect } from 'chai';
import { decodeCursor, encodeCursor, type CursorIdKind } from '../../src/http/cursor.ts';
import { HttpError } from '../../src/http/problem.ts';

const AT = '2026-03-02T01:00:00.000Z';
const CASE_ID = '0b6c7a52-3f1e-4d2a-9c8b-5e4f3a2b1c0d';
/** base64url of `["2026-03-02T01:00:00.000Z","42"]`. */
const TASK_CURSOR = 'WyIyMDI2LTAzLTAyVDAxOjAwOjAwLjAwMFoiLCI0MiJd';
/** base64url of `["2026-03-02T01:00:00.000Z","0b6c7a52-3f1e-4d2a-9c8b-5e4f3a2b1c0d"]`. */
const CASE_CURSOR =
  'WyIyMDI2LTAzLTAyVDAxOjAwOjAwLjAwMFoiLCIwYjZjN2E1Mi0zZjFlLTRkMmEtOWM4Yi01ZTRmM2EyYjFjMGQiXQ';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** Asserts the 400 that a cursor not handed out by the service gets. */
function expectRefused(raw: string, kind: CursorIdKind): void {
  let caught: unknown;
  try {
    decodeCursor(raw, kind);
  } catch (error) {
    caught = error;
  }
  expect(caught, `${raw} as ${kind}`).to.be.instanceOf(HttpError);
  const problem = caught as HttpError;
  expect(problem.status).to.equal(400);
  expect(problem.type).to.equal('malformed-request');
  expect(problem.code).to.equal('bad-cursor');
  expect(problem.errors).to.deep.equal([
    { pointer: '/query/cursor', code: 'unknown-cursor', detail: 'unknown cursor' },
  ]);
}

describe('http/cursor', () => {
  describe('encodeCursor', () => {
    it('should write the key and id as base64url JSON', () => {
      expect(encodeCursor({ key: AT, id: '42' })).to.equal(TASK_CURSOR);
      expect(encodeCursor({ key: AT, id: CASE_ID })).to.equal(CASE_CURSOR);
    });
  });

  describe('decodeCursor', () => {
    it('should answer null when there is no cursor', () => {
      expect(decodeCursor(undefined, 'uuid')).to.equal(null);
      expect(decodeCursor(undefined, 'serial')).to.equal(null);
    });

    it('should read back the cursors it writes', () => {
      expect(decodeCursor(TASK_CURSOR, 'serial')).to.deep.equal({ key: AT, id: '42' });
      expect(decodeCursor(CASE_CURSOR, 'uuid')).to.deep.equal({ key: AT, id: CASE_ID });
      const cursor = { key: '2026-12-31T15:59:59.999Z', id: '2147483647' };
      expect(decodeCursor(encodeCursor(cursor), 'serial')).to.deep.equal(cursor);
    });

    it('should take a serial id written as a JSON number', () => {
      expect(decodeCursor(b64(`["${AT}",42]`), 'serial')).to.deep.equal({ key: AT, id: '42' });
    });

    it("should refuse another route's cursor: a case id where a task id belongs, and the reverse", () => {
      expectRefused(CASE_CURSOR, 'serial');
      expectRefused(TASK_CURSOR, 'uuid');
    });

    it('should refuse a key that is not a timestamp as the service stores them', () => {
      for (const key of [
        '2026-03-02',
        '2026-03-02T09:00:00+08:00',
        '2026-03-02T01:00:00Z',
        'yesterday',
        '',
      ]) {
        expectRefused(b64(JSON.stringify([key, '42'])), 'serial');
      }
      expectRefused(b64(`[1772413200000,"42"]`), 'serial');
    });

    it('should refuse serial ids outside 1 to 2147483647', () => {
      for (const id of ['0', '-1', '007', '2147483648', '4.2', '1e3', ' 42']) {
        expectRefused(b64(JSON.stringify([AT, id])), 'serial');
      }
    });

    it('should refuse garbage', () => {
      const garbage = [
        '',
        'not a cursor',
        '%%%',
        b64('[]'),
        b64('null'),
        b64('"x"'),
        b64(`{"key":"${AT}","id":"42"}`),
        b64(`["${AT}"`),
        b64(`["${AT}",null]`),
        b64(`["${AT}",["42"]]`),
      ];
      for (const raw of garbage) expectRefused(raw, 'serial');
      expectRefused(b64(`["${AT}","not-a-uuid"]`), 'uuid');
    });
  });
});
