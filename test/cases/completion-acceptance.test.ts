import { expect } from 'chai';
import { exampleInspections, minimalCompletionForm } from '../fixtures/completion-acceptance.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { assess, assessOk, pay } from '../support/fees.ts';
import {
  acceptedCase,
  casePath,
  caseState,
  createDraft,
  expectProblem,
  sendEvent,
  sendOk,
} from '../support/http.ts';
import { inspect, schedule } from '../support/inspections.ts';
import { withService } from '../support/with-service.ts';
import { licensedCompletionApplication } from '../support/licences.ts';

describeEachDatabase('cases/completion-acceptance', (kind) => {
  const t = withService(kind);
  let id = '';
  const view = async (token = t.who.applicant) => (await t.svc.request('GET', casePath(id), { token })).body;

  it('should take the example from submission to one joint certificate', async () => {
    id = await createDraft(t.svc, t.who.applicant, await licensedCompletionApplication(t.svc, t.who));
    t.svc.clock.set('2026-03-02T10:00:00+08:00');
    const submitted = await sendOk(t.svc, t.who.applicant, id, { type: 'SUBMIT' });
    expect(submitted.body).to.include({ status: 'submitted', workflow: 'completion-acceptance' });
    expect(submitted.body.requiredInspections).to.deep.equal([]);

    t.svc.clock.set('2026-03-02T14:00:00+08:00');
    const accepted = await sendOk(t.svc, t.who.clerk('window'), id, { type: 'ACCEPT' });
    expect(accepted.body.status).to.equal('in_review');
    expect(accepted.body.timing.limitWorkingDays).to.equal(7);
    const open = accepted.body.tasks.filter((task: { status: string }) => task.status === 'open');
    expect(open.map((task: { department: string }) => task.department)).to.deep.equal(
      exampleInspections.map((i) => i.department),
    );

    const window = t.who.clerk('window');
    const registration = await assessOk(t.svc, window, id, { code: 'real-estate-registration' });
    const infra = await assessOk(t.svc, window, id, { code: 'infrastructure-supporting' });

    t.svc.clock.set('2026-03-03T09:00:00+08:00');
    for (const item of exampleInspections.slice(0, -1)) await inspect(t, id, item);
    // Before the last region has passed, ISSUE says what is outstanding.
    let refused = await sendEvent(t.svc, window, id, { type: 'ISSUE' });
    expectProblem(refused, 409, 'event-not-allowed');
    expect(refused.body.detail).to.match(/quality-supervision/);
    await inspect(t, id, exampleInspections.at(-1)!);

    let page = await view();
    expect(page.state).to.deep.equal({ accepted: 'issuing' });
    expect(page.requiredInspections.every((r: { status: string }) => r.status === 'passed')).to.equal(true);
    expect(page.inspections).to.have.length(7);
    expect(page.nextAction.action).to.equal('pay');
    expect((await view(window)).allowedEvents).not.to.include('ISSUE');

    const before = await caseState(t.svc, t.who.auditor, id);
    refused = await sendEvent(t.svc, window, id, { type: 'ISSUE' });
    expectProblem(refused, 409, 'event-not-allowed');
    expect(refused.body.detail).to.match(/2 assessed fee\(s\) not yet paid/);
    expect(await caseState(t.svc, t.who.auditor, id)).to.deep.equal(before);

    expect((await pay(t.svc, t.who.applicant, id, registration.id)).status).to.equal(200);
    refused = await sendEvent(t.svc, window, id, { type: 'ISSUE' });
    expectProblem(refused, 409, 'event-not-allowed');
    expect(refused.body.detail).to.match(/1 assessed fee\(s\) not yet paid/);
    expect((await pay(t.svc, t.who.applicant, id, infra.id, 'NTR-2026-000452')).status).to.equal(200);
    expect((await view(window)).allowedEvents).to.include('ISSUE');

    t.svc.clock.set('2026-03-05T10:00:00+08:00');
    const issued = await sendOk(t.svc, window, id, { type: 'ISSUE' });
    expect(issued.body).to.include({ status: 'concluded', concludedAt: '2026-03-05T02:00:00.000Z' });
    // The issue produced the completion certificate (type code 02), issued on 5 March 2026 in Shanghai.
    expect(issued.body.licences).to.have.length(1);
    expect(issued.body.licences[0]).to.include({ type: 'completion-certificate', status: 'valid' });
    expect(issued.body.licences[0].number).to.match(/^36020020260305\d{4}02$/);
    const certificate = await t.svc.request('GET', `/api/v1/licences/${issued.body.licences[0].number}`);
    expect(certificate.body).to.include({ startWorksBy: null, application: id });
    expect(certificate.body.covers).to.include({ completedOn: '2026-10-20' });
    expect(issued.body.tasks.every((task: { status: string }) => task.status === 'closed')).to.equal(true);
    // Accepted Monday 2 March; 3, 4 and 5 March are working days.
    expect(issued.body.timing).to.include({ workingDays: 3, netWorkingDays: 3, onTime: true });

    page = await view();
    expect(page.nextAction.action).to.equal('nothing');
    expect(page.fees.map((f: { status: string }) => f.status)).to.deep.equal(['paid', 'paid']);
    expect(page.fees.map((f: { amount: number }) => f.amount)).to.deep.equal([550, 2127500]);
    const history = await t.svc.request('GET', casePath(id, '/history'), { token: t.who.applicant });
    const types = history.body.items.map((r: { type: string }) => r.type);
    expect(types.filter((type: string) => type === 'ISSUE')).to.have.length(1);
    expect(types.filter((type: string) => type === 'INSPECTION_RECORDED')).to.have.length(7);
    expect(types.filter((type: string) => type === 'FEE_SETTLED')).to.have.length(2);
    expect(history.body.items.at(-1)).to.deep.include({ type: 'ISSUE', to: 'concluded' });

    // A concluded case takes no more fees or inspections.
    expectProblem(
      await assess(t.svc, window, id, { code: 'extra-certificate', quantity: 1 }),
      409,
      'event-not-allowed',
    );
    expect((await view()).fees).to.have.length(2);
  });

  it('should need only six inspections for the minimal form', async () => {
    const body = await licensedCompletionApplication(t.svc, t.who);
    body.form = {
      ...structuredClone(minimalCompletionForm),
      constructionPermitNo: body.form.constructionPermitNo,
    } as never;
    const minimal = await acceptedCase(t.svc, t.who, body);
    const page = (await t.svc.request('GET', casePath(minimal), { token: t.who.applicant })).body;
    expect(page.requiredInspections.map((r: { code: string }) => r.code)).to.deep.equal([
      'planning-verification',
      'land-verification',
      'fire-filing-spot-check',
      'archives-acceptance',
      'lightning-protection',
      'quality-supervision',
    ]);
    // Civil defence has no part in this case, so it does not even see it.
    expectProblem(
      await schedule(t.svc, t.who.clerk('civil-defense'), minimal, 'civil-defense-acceptance'),
      404,
      'not-found',
    );
  });
});
