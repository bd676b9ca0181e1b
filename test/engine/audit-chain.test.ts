import { expect } from 'chai';
import { chainHash, GENESIS_HASH, verifyChain } from '../../src/engine/audit-chain.ts';
import {
  acceptWithDeficiencies,
  approve,
  chainOf,
  createPermit,
  fireTimer,
  loadCase,
  requestSupplement,
  sendAll,
  SUBMIT,
  SUPPLEMENT,
  window,
} from '../support/cases.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createHarness, type Harness } from '../support/harness.ts';

describe('audit-chain', () => {
  describe('chainHash', () => {
    it('should give the same hash for the same record whatever its key order', () => {
      const record = {
        applicationId: 'a',
        seq: 1,
        at: '2026-03-02T01:00:00.000Z',
        type: 'CREATE',
        actor: { sub: 'u', role: 'applicant', org: 'X' },
        onBehalfOf: null,
        from: null,
        to: 'draft',
        comment: null,
        data: { workflow: 'construction-permit', workflowVersion: 1 },
      };
      const reordered = Object.fromEntries(Object.entries(record).reverse()) as typeof record;
      expect(chainHash(GENESIS_HASH, reordered)).to.equal(chainHash(GENESIS_HASH, record));
      expect(chainHash(GENESIS_HASH, record)).to.match(/^[0-9a-f]{64}$/);
    });
  });

  describeEachDatabase('verifyChain over stored histories', (kind) => {
    let h: Harness;
    let id: string;
    before(async () => {
      h = await createHarness(kind);
    });
    after(async () => {
      await h?.close();
    });

    /** A history with every kind of record: comments, data, a clerk, the applicant and a timer. */
    beforeEach(async () => {
      h.clock.set('2026-03-02T09:00:00+08:00');
      id = await createPermit(h);
      await sendAll(
        h,
        id,
        [SUBMIT, acceptWithDeficiencies('2026-03-06'), requestSupplement('planning'), approve('housing')],
        1,
      );
      await fireTimer(h, id, 'PLEDGE_DUE');
      await sendAll(
        h,
        id,
        [SUPPLEMENT, window('EXTEND', { comment: 'expert review', data: { workingDays: 5 } })],
        1,
      );
    });

    it('should verify the history the engine stored', async () => {
      const chain = await chainOf(h, id);
      expect(chain).to.have.length(8);
      expect(verifyChain(chain)).to.deep.equal({ ok: true, checked: 8 });
      expect(chain.at(-1)!.hash).to.equal((await loadCase(h, id)).lastHash);
      expect(chain[0]!.prevHash).to.equal(GENESIS_HASH);
    });

    it('should find a tampered comment at its seq', async () => {
      await h.db
        .knex('audit_events')
        .where({ application_id: id, seq: 4 })
        .update({ comment: 'nothing is missing' });
      expect(verifyChain(await chainOf(h, id))).to.deep.equal({ ok: false, checked: 3, firstBadSeq: 4 });
    });

    it('should find tampered data, actor and time', async () => {
      const tamper = async (seq: number, change: Record<string, unknown>) => {
        const original = await h.db.knex('audit_events').where({ application_id: id, seq }).first();
        await h.db.knex('audit_events').where({ application_id: id, seq }).update(change);
        const result = verifyChain(await chainOf(h, id));
        await h.db
          .knex('audit_events')
          .where({ application_id: id, seq })
          .update(Object.fromEntries(Object.keys(change).map((k) => [k, original[k]])));
        return result;
      };
      expect(
        await tamper(3, { data: JSON.stringify({ items: ['nothing'], pledgeDate: '2026-03-06' }) }),
      ).to.include({
        ok: false,
        firstBadSeq: 3,
      });
      expect(await tamper(6, { actor_sub: 'someone-else' })).to.include({ ok: false, firstBadSeq: 6 });
      expect(await tamper(8, { at: '2026-03-20T01:00:00.000Z' })).to.include({ ok: false, firstBadSeq: 8 });
      expect(verifyChain(await chainOf(h, id))).to.deep.equal({ ok: true, checked: 8 });
    });

    it('should find a deleted record in the middle', async () => {
      await h.db.knex('audit_events').where({ application_id: id, seq: 5 }).del();
      expect(verifyChain(await chainOf(h, id))).to.deep.equal({ ok: false, checked: 4, firstBadSeq: 5 });
    });

    it('should find a record whose hash was recomputed without relinking the next one', async () => {
      const chain = await chainOf(h, id);
      const { prevHash, hash: _hash, ...fields } = chain[1]!;
      const forged = { ...fields, comment: 'forged' };
      await h.db
        .knex('audit_events')
        .where({ application_id: id, seq: 2 })
        .update({ comment: 'forged', hash: chainHash(prevHash, forged) });
      expect(verifyChain(await chainOf(h, id))).to.deep.equal({ ok: false, checked: 2, firstBadSeq: 3 });
    });
  });
});
