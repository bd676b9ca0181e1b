import { expect } from 'chai';
import { toFee } from '../../src/fees/index.ts';
import { createPermit } from '../support/cases.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createHarness, type Harness } from '../support/harness.ts';

/**
 * Amounts go into `decimal(18, 2)` columns and come back as the numbers the API answers with: a JSON number
 * from SQLite, a string parsed from PostgreSQL's numeric. Either way the fee shows what was assessed.
 */
describeEachDatabase('http/fee-view', (kind) => {
  let h: Harness;
  let applicationId: string;
  beforeEach(async () => {
    h = await createHarness(kind);
    applicationId = await createPermit(h);
  });
  afterEach(async () => {
    await h.close();
  });

  async function storedFee(rate: number, quantity: number, amount: number) {
    const [row] = await h.db
      .knex('fees')
      .insert({
        application_id: applicationId,
        code: 'infrastructure-supporting',
        name: 'Infrastructure supporting fee',
        checklist_version: 1,
        unit: 'm2-floor-area',
        rate,
        quantity,
        amount,
        status: 'assessed',
        assessed_by: 'clerk-window',
        assessed_at: '2026-03-02T01:00:00.000Z',
      })
      .returning('id');
    const id = Number(typeof row === 'object' ? row.id : row);
    return toFee(await h.db.knex('fees').where({ id }).first(), h.db.dialect);
  }

  it('should read back amounts to the fen as the same numbers', async () => {
    const amounts = [0.01, 1.04, 30, 87.5, 11500.35, 141975.21, 2127500, 90071992547409.91];
    for (const amount of amounts) {
      const fee = await storedFee(115, 2, amount);
      expect(fee.amount, String(amount)).to.equal(amount);
    }
  });

  it('should read back rates and whole quantities as the same numbers', async () => {
    const fee = await storedFee(120.5, 18500, 2229250);
    expect(fee).to.deep.include({ rate: 120.5, quantity: 18500, amount: 2229250, status: 'assessed' });
    expect(JSON.stringify({ rate: fee.rate, amount: fee.amount })).to.equal(
      '{"rate":120.5,"amount":2229250}',
    );
  });

  it('should answer the unpaid fields as null', async () => {
    const fee = await storedFee(550, 1, 550);
    expect(fee).to.deep.include({ paymentRef: null, paidAt: null, waiveReason: null, waivedAt: null });
  });
});
