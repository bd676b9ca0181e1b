import { expect } from 'chai';
import { describeEachDatabase } from '../support/databases.ts';
import { activeDelegation, agentToken, delegationAction, FAR } from '../support/delegation.ts';
import { assessOk } from '../support/fees.ts';
import { ENTERPRISE, OTHER_ENTERPRISE } from '../support/harness.ts';
import { schedule } from '../support/inspections.ts';
import {
  acceptedCase,
  completionCase,
  expectProblem,
  sendOk,
  type TestResponse,
  type TestService,
} from '../support/http.ts';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import { withService } from '../support/with-service.ts';

const LIST = '/api/v1/notifications';
const read = (svc: TestService, token: string, id: string, headers: Record<string, string> = {}) =>
  svc.request('POST', `${LIST}/${id}/read`, { token, headers });

/** Every message a caller sees, walking the pages `limit` at a time. */
async function allPages(svc: TestService, token: string, limit: number): Promise<TestResponse[]> {
  const pages: TestResponse[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
    const page = await svc.request('GET', `${LIST}${query}`, { token });
    expect(page.status).to.equal(200);
    pages.push(page);
    cursor = page.body.nextCursor;
  } while (cursor);
  return pages;
}

describeEachDatabase('notifications/routes', (kind) => {
  describe('the list and reading', () => {
    const t = withService(kind);
    let id: string;
    before(async () => {
      id = await acceptedCase(t.svc, t.who, constructionPermitApplication());
      await sendOk(t.svc, t.who.clerk('planning'), id, { type: 'APPROVE', department: 'planning' });
      await sendOk(t.svc, t.who.clerk('housing'), id, { type: 'APPROVE', department: 'housing' });
    });

    it("should list the enterprise's messages newest first, with the unread count, to every user of it", async () => {
      const list = await t.svc.request('GET', LIST, { token: t.who.applicant });
      expect(list.status).to.equal(200);
      expect(list.body.items.map((m: { code: string }) => m.code)).to.deep.equal([
        'department-decided',
        'department-decided',
        'accepted',
      ]);
      expect(list.body).to.include({ unreadCount: 3, nextCursor: null });
      const [latest] = list.body.items;
      expect(latest).to.include({ applicationId: id, read: false, readAt: null });
      expect(latest.text).to.include('住房和城乡建设已于2026年3月2日审查通过');
      expect(latest.project).to.deep.equal({
        code: constructionPermitApplication().project.code,
        name: constructionPermitApplication().project.name,
      });
      // Another user of the same enterprise sees the same messages.
      const colleague = t.svc.token({ sub: 'ent-user-2', role: 'applicant', org: ENTERPRISE });
      const theirs = await t.svc.request('GET', LIST, { token: colleague });
      expect(theirs.body.items.map((m: { id: string }) => m.id)).to.deep.equal(
        list.body.items.map((m: { id: string }) => m.id),
      );
    });

    it('should never show an enterprise the messages of another, nor a department or an auditor those of an enterprise', async () => {
      for (const token of [
        t.who.otherApplicant,
        t.who.auditor,
        t.admin,
        t.who.clerk('planning'),
        agentToken(t.svc, 'agent-nobody'),
      ]) {
        const list = await t.svc.request('GET', LIST, { token });
        expect(list.status).to.equal(200);
        expect(list.body).to.deep.equal({ items: [], nextCursor: null, unreadCount: 0 });
      }
      expectProblem(await t.svc.request('GET', LIST), 401, 'unauthorized');
    });

    it('should mark a message read for the reader only, idempotently, and 404 for anyone it is not addressed to', async () => {
      const before = await t.svc.request('GET', LIST, { token: t.who.applicant });
      const accepted = before.body.items.find((m: { code: string }) => m.code === 'accepted');
      for (const token of [t.who.otherApplicant, t.who.clerk('window'), t.who.auditor, t.admin]) {
        expectProblem(await read(t.svc, token, accepted.id), 404, 'not-found');
      }
      expectProblem(await read(t.svc, t.who.applicant, '999999'), 404, 'not-found');
      expectProblem(await read(t.svc, t.who.applicant, 'abc'), 404, 'not-found');
      expectProblem(await read(t.svc, t.who.applicant, '-1'), 404, 'not-found');
      expect((await t.svc.request('GET', LIST, { token: t.who.applicant })).body.unreadCount).to.equal(3);

      const first = await read(t.svc, t.who.applicant, accepted.id);
      expect(first.status).to.equal(200);
      expect(first.body).to.include({ id: accepted.id, read: true, readAt: t.svc.clock.now().toISOString() });
      t.svc.clock.advance({ hours: 1 });
      const again = await read(t.svc, t.who.applicant, accepted.id);
      expect(again.body).to.deep.equal(first.body);
      const keyed = await read(t.svc, t.who.applicant, accepted.id, { 'idempotency-key': 'read-1' });
      const replayed = await read(t.svc, t.who.applicant, accepted.id, { 'idempotency-key': 'read-1' });
      expect(replayed.headers.get('idempotent-replayed')).to.equal('true');
      expect(replayed.body).to.deep.equal(keyed.body);

      const after = await t.svc.request('GET', LIST, { token: t.who.applicant });
      expect(after.body.unreadCount).to.equal(2);
      const unread = await t.svc.request('GET', `${LIST}?unread=true`, { token: t.who.applicant });
      expect(unread.body.items.map((m: { code: string }) => m.code)).to.deep.equal([
        'department-decided',
        'department-decided',
      ]);
      // The colleague has not read it.
      const colleague = t.svc.token({ sub: 'ent-user-2', role: 'applicant', org: ENTERPRISE });
      expect((await t.svc.request('GET', LIST, { token: colleague })).body.unreadCount).to.equal(3);
    });

    it('should page with an opaque cursor, each message once', async () => {
      const pages = await allPages(t.svc, t.who.applicant, 1);
      expect(pages.length).to.equal(3);
      const ids = pages.flatMap((p) => p.body.items.map((m: { id: string }) => m.id));
      expect(new Set(ids).size).to.equal(3);
      const whole = await t.svc.request('GET', LIST, { token: t.who.applicant });
      expect(ids).to.deep.equal(whole.body.items.map((m: { id: string }) => m.id));
      expect(pages.every((p) => p.body.unreadCount === whole.body.unreadCount)).to.equal(true);
    });

    it('should refuse bad queries with a 400 that names them', async () => {
      for (const query of ['?limit=0', '?limit=501', '?limit=x', '?cursor=nonsense', '?unread=maybe']) {
        const response = await t.svc.request('GET', `${LIST}${query}`, { token: t.who.applicant });
        expectProblem(response, 400, 'malformed-request');
      }
    });
  });

  describe('agents, fees and inspections', () => {
    const t = withService(kind);

    it('should tell an agent of the cases its active agreement covers, and no other agent', async () => {
      const li = agentToken(t.svc, 'agent-li');
      await activeDelegation(t.svc, t.who.applicant, li, { expiresAt: FAR });
      const id = await acceptedCase(t.svc, t.who, constructionPermitApplication());
      const theirs = await t.svc.request('GET', LIST, { token: li });
      expect(
        theirs.body.items.map((m: { code: string; applicationId: string }) => [m.code, m.applicationId]),
      ).to.deep.equal([['accepted', id]]);
      const wang = await t.svc.request('GET', LIST, { token: agentToken(t.svc, 'agent-wang') });
      expect(wang.body.items).to.deep.equal([]);
      // The other enterprise's case is not told to the agent of this one.
      const other = t.svc.token({ sub: 'other-user', role: 'applicant', org: OTHER_ENTERPRISE });
      expect((await t.svc.request('GET', LIST, { token: other })).body.items).to.deep.equal([]);
    });

    it('should take the messages of its cases from an agent once its agreement has ended', async () => {
      const zhao = agentToken(t.svc, 'agent-zhao');
      const agreement = await activeDelegation(t.svc, t.who.applicant, zhao, { expiresAt: FAR });
      await acceptedCase(t.svc, t.who, constructionPermitApplication());
      const before = await t.svc.request('GET', LIST, { token: zhao });
      expect(before.body.unreadCount).to.equal(1);
      const [message] = before.body.items;
      expect((await delegationAction(t.svc, t.who.applicant, agreement, 'revoke')).status).to.equal(200);
      expect((await t.svc.request('GET', LIST, { token: zhao })).body).to.deep.equal({
        items: [],
        nextCursor: null,
        unreadCount: 0,
      });
      expectProblem(await read(t.svc, zhao, message.id), 404, 'not-found');
      // The enterprise keeps them.
      expect((await read(t.svc, t.who.applicant, message.id)).status).to.equal(200);
    });

    it('should tell the amount of a fee and how to pay it, and the time of an inspection', async () => {
      const id = await completionCase(t);
      await assessOk(t.svc, t.who.clerk('window'), id, { code: 'real-estate-registration' });
      const scheduled = await schedule(t.svc, t.who.clerk('fire'), id, 'fire-acceptance');
      expect(scheduled.status).to.equal(201);
      const list = await t.svc.request('GET', LIST, { token: t.who.applicant });
      const mine = list.body.items.filter((m: { applicationId: string }) => m.applicationId === id);
      const [inspection, fee] = mine;
      expect(fee.code).to.equal('fee-assessed');
      expect(fee.text).to.include('已核定不动产登记费，金额人民币550.00元');
      expect(fee.text).to.include('缴费方式');
      expect(inspection.code).to.equal('inspection-scheduled');
      expect(inspection.text).to.include('消防验收（消防设计审查验收）定于2026年3月4日 09:30现场查验');
    });
  });
});
