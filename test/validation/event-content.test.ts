import { expect } from 'chai';
import { eventContentErrors } from '../../src/validation/event-content.ts';

function pointers(event: Parameters<typeof eventContentErrors>[0]): string[] {
  return eventContentErrors(event).map((e) => e.pointer);
}

describe('validation/event-content', () => {
  for (const type of ['REQUEST_SUPPLEMENT', 'DENY', 'REFUSE']) {
    it(`should require a non-blank comment for ${type}`, () => {
      expect(pointers({ type })).to.deep.equal(['/comment']);
      expect(pointers({ type, comment: ' \n ' })).to.deep.equal(['/comment']);
      expect(pointers({ type, comment: 'The fire design review certificate is missing.' })).to.deep.equal([]);
    });
  }

  it('should explain what the comment must say', () => {
    expect(eventContentErrors({ type: 'DENY', comment: '' })).to.deep.equal([
      { pointer: '/comment', code: 'denial-reasons', detail: 'must state the reasons for the denial' },
    ]);
  });

  it('should require a comment and 1 to 15 working days for EXTEND', () => {
    expect(pointers({ type: 'EXTEND' })).to.deep.equal(['/comment', '/data']);
    expect(pointers({ type: 'EXTEND', comment: 'Site visit', data: {} })).to.deep.equal([
      '/data/workingDays',
    ]);
    for (const workingDays of [0, 16, 2.5, '10']) {
      expect(
        pointers({ type: 'EXTEND', comment: 'Site visit', data: { workingDays } }),
        String(workingDays),
      ).to.deep.equal(['/data/workingDays']);
    }
    expect(
      eventContentErrors({ type: 'EXTEND', comment: 'Site visit', data: { workingDays: 16 } }),
    ).to.deep.equal([
      {
        pointer: '/data/workingDays',
        code: 'extension-days',
        params: { max: 15 },
        detail: 'must be a whole number of working days from 1 to 15',
      },
    ]);
    expect(pointers({ type: 'EXTEND', comment: 'Site visit', data: { workingDays: 15 } })).to.deep.equal([]);
  });

  it('should require the missing items and a pledge date for ACCEPT_WITH_DEFICIENCIES', () => {
    const type = 'ACCEPT_WITH_DEFICIENCIES';
    expect(pointers({ type })).to.deep.equal(['/data']);
    expect(pointers({ type, data: {} })).to.deep.equal(['/data/items', '/data/pledgeDate']);
    expect(pointers({ type, data: { items: [], pledgeDate: '2026-04-01' } })).to.deep.equal(['/data/items']);
    expect(pointers({ type, data: { items: ['ok', ' '], pledgeDate: '2026-04-01' } })).to.deep.equal([
      '/data/items/1',
    ]);
    expect(pointers({ type, data: { items: ['Pile test report'], pledgeDate: 'next week' } })).to.deep.equal([
      '/data/pledgeDate',
    ]);
    expect(pointers({ type, data: { items: ['Pile test report'], pledgeDate: '2026-04-01' } })).to.deep.equal(
      [],
    );
  });

  it('should ask nothing of event types without a rule', () => {
    expect(eventContentErrors({ type: 'APPROVE' })).to.deep.equal([]);
    expect(eventContentErrors({ type: 'constructor' })).to.deep.equal([]);
  });
});
