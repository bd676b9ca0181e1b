import { expect } from 'chai';
import { exampleInspections } from '../fixtures/completion-acceptance.ts';
import { ACCEPT, auditOf, loadCase, SUBMIT } from '../support/cases.ts';
import {
  completionScene,
  feeAssessed,
  feePaid,
  feeWaived,
  ISSUE,
  nodesCoveredBy,
  START,
} from '../support/completion-acceptance-scene.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { applicant, harnessPerBlock } from '../support/harness.ts';

/*
 * What holds the joint certificate back in the completion-acceptance workflow: inspections not yet passed and
 * fees assessed but neither paid nor waived. Driven through the engine on a real database with the event
 * shapes the fees routes send.
 */

describeEachDatabase('completion-acceptance fees and issuing', (kind) => {
  const h = harnessPerBlock(kind, START);
  const { visited, send, sendAll, refused, createCase, contextOf, passAll } = completionScene(h);

  it('should refuse ISSUE with the reason while an inspection or a fee is outstanding', async () => {
    const id = await createCase();
    await send(id, SUBMIT);
    expect((await refused(id, ISSUE)).reason).to.equal('the case has not been accepted yet');
    await sendAll(id, [ACCEPT, feeAssessed('infrastructure-supporting')]);
    await passAll(id, exampleInspections.slice(0, -1));

    const open = await refused(id, ISSUE);
    expect(open.reason).to.equal(
      'inspections not yet passed: quality-supervision (quality); 1 assessed fee(s) not yet paid or waived',
    );
    expect(open.message).to.match(/^ISSUE is not allowed now: inspections not yet passed/);

    await passAll(id, exampleInspections.slice(-1));
    expect((await loadCase(h, id)).state).to.deep.equal({ accepted: 'issuing' });
    const unpaid = await refused(id, ISSUE);
    expect(unpaid.reason).to.equal('1 assessed fee(s) not yet paid or waived');

    await send(id, feePaid, applicant);
    await send(id, ISSUE);
    expect((await loadCase(h, id)).status).to.equal('concluded');
  });

  it('should count fees assessed and settled, paid or waived, in any state of the open case', async () => {
    const id = await createCase();
    await sendAll(id, [SUBMIT, feeAssessed('real-estate-registration'), ACCEPT]);
    await sendAll(id, [feeAssessed('infrastructure-supporting'), feeAssessed('extra-certificate')]);
    expect((await contextOf(id)).outstandingFees).to.equal(3);
    const assessed = (await auditOf(h, id)).filter((a) => a.type === 'FEE_ASSESSED');
    expect(assessed.map((a) => (a.data as { code: string }).code)).to.deep.equal([
      'real-estate-registration',
      'infrastructure-supporting',
      'extra-certificate',
    ]);
    // Fees change neither the state nor the clock.
    expect((await loadCase(h, id)).status).to.equal('in_review');

    await send(id, feePaid, applicant);
    await send(id, feeWaived);
    expect((await contextOf(id)).outstandingFees).to.equal(1);
    await passAll(id, exampleInspections);
    await refused(id, ISSUE);
    await send(id, feePaid, applicant);
    expect((await contextOf(id)).outstandingFees).to.equal(0);
    await send(id, ISSUE);
    expect((await loadCase(h, id)).status).to.equal('concluded');
    await refused(id, feeAssessed('extra-certificate'));
  });

  it('should have rested in the kinds of node these paths answer for', () => {
    expect(visited.unreached(nodesCoveredBy.fees)).to.deep.equal([]);
  });
});
