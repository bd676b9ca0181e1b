import { expect } from 'chai';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { acceptedCase, casePath, expectProblem, sendOk } from '../support/http.ts';
import { withService } from '../support/with-service.ts';

describeEachDatabase('tasks/claims', (kind) => {
  const t = withService(kind);
  let caseId = '';
  let fireTask = 0;
  const tokens = {} as Record<'fire' | 'fire2' | 'lead' | 'planning' | 'archives', string>;
  const post = (token: string, id: number, action: string, body?: unknown) =>
    t.svc.request('POST', `/api/v1/tasks/${id}/${action}`, { token, ...(body ? { body } : {}) });
  const inbox = async (token: string, query = '') => {
    const response = await t.svc.request('GET', `/api/v1/tasks${query}`, { token });
    expect(response.status, JSON.stringify(response.body)).to.equal(200);
    return response.body.items as Array<{
      id: number;
      claimedBy: { sub: string; name: string | null } | null;
    }>;
  };

  before(async () => {
    tokens.fire = t.svc.token({ sub: 'clerk-fire', role: 'clerk', org: 'fire', name: '赵六' });
    tokens.fire2 = t.svc.token({ sub: 'clerk-fire-2', role: 'clerk', org: 'fire', name: '钱七' });
    tokens.lead = t.svc.token({ sub: 'lead-fire', role: 'clerk', org: 'fire', name: '孙主任', lead: true });
    tokens.planning = t.svc.token({ sub: 'clerk-planning', role: 'clerk', org: 'planning' });
    tokens.archives = t.svc.token({ sub: 'clerk-archives', role: 'clerk', org: 'archives' });
    caseId = await acceptedCase(t.svc, t.who, constructionPermitApplication());
    const items = await inbox(tokens.fire);
    fireTask = items[0]!.id;
    // Every clerk signs in once, so the directory knows them by name.
    for (const token of Object.values(tokens)) await inbox(token).catch(() => undefined);
  });

  it('should let a clerk claim a task of the department, named on the task and on the case', async () => {
    const claimed = await post(tokens.fire, fireTask, 'claim');
    expect(claimed.status, JSON.stringify(claimed.body)).to.equal(200);
    expect(claimed.body.claimedBy).to.include({ sub: 'clerk-fire', name: '赵六' });
    expect(claimed.body.claimedBy.at).to.equal('2026-03-02T01:00:00.000Z');
    // Claiming one's own claim again changes nothing.
    expect((await post(tokens.fire, fireTask, 'claim')).status).to.equal(200);
    const page = await t.svc.request('GET', casePath(caseId), { token: t.who.applicant });
    const task = page.body.tasks.find((x: { id: number }) => x.id === fireTask);
    expect(task.claimedBy).to.include({ sub: 'clerk-fire', name: '赵六' });
  });

  it('should filter the inbox by mine, unclaimed and all', async () => {
    const ids = (items: Array<{ id: number }>) => items.map((x) => x.id);
    expect(ids(await inbox(tokens.fire, '?assignee=mine'))).to.deep.equal([fireTask]);
    expect(ids(await inbox(tokens.fire2, '?assignee=mine'))).to.deep.equal([]);
    expect(ids(await inbox(tokens.fire2, '?assignee=unclaimed'))).to.deep.equal([]);
    expect(ids(await inbox(tokens.fire2, '?assignee=all'))).to.deep.equal([fireTask]);
    const bad = await t.svc.request('GET', '/api/v1/tasks?assignee=everyone', { token: tokens.fire });
    expectProblem(bad, 400, 'malformed-request');
  });

  it("should refuse claiming a claimed task (409) and releasing someone else's claim (403)", async () => {
    expectProblem(await post(tokens.fire2, fireTask, 'claim'), 409, 'task-claimed');
    expectProblem(await post(tokens.fire2, fireTask, 'release'), 403, 'forbidden');
    const task = (await inbox(tokens.fire))[0]!;
    expect(task.claimedBy?.sub).to.equal('clerk-fire');
  });

  it("should refuse another department's task, auditors and enterprises, and hide it from outsiders", async () => {
    expectProblem(await post(tokens.planning, fireTask, 'claim'), 403, 'forbidden');
    expectProblem(await post(tokens.planning, fireTask, 'release'), 403, 'forbidden');
    expectProblem(await post(t.who.auditor, fireTask, 'claim'), 403, 'forbidden');
    expectProblem(await post(t.who.applicant, fireTask, 'claim'), 403, 'forbidden');
    // Nobody learns of a case they cannot see: the archives clerk and another enterprise get 404.
    expectProblem(await post(tokens.archives, fireTask, 'claim'), 404, 'not-found');
    expectProblem(await post(t.who.otherApplicant, fireTask, 'claim'), 404, 'not-found');
    expectProblem(await post(tokens.fire, 999999, 'claim'), 404, 'not-found');
    expectProblem(await post(tokens.fire, 0, 'claim'), 404, 'not-found');
    expect((await inbox(tokens.fire))[0]!.claimedBy?.sub).to.equal('clerk-fire');
  });

  it("should let the lead release anyone's claim and assign the task to a clerk of the department", async () => {
    const released = await post(tokens.lead, fireTask, 'release');
    expect(released.status, JSON.stringify(released.body)).to.equal(200);
    expect(released.body.claimedBy).to.equal(null);
    expectProblem(await post(tokens.fire, fireTask, 'release'), 409, 'task-not-claimed');
    const assigned = await post(tokens.lead, fireTask, 'assign', { clerk: 'clerk-fire-2' });
    expect(assigned.status, JSON.stringify(assigned.body)).to.equal(200);
    expect(assigned.body.claimedBy).to.include({ sub: 'clerk-fire-2', name: '钱七' });
    expect((await inbox(tokens.fire2, '?assignee=mine')).map((x) => x.id)).to.deep.equal([fireTask]);
  });

  it('should refuse assignments by a clerk who is not the lead, and to anyone not a clerk of the department', async () => {
    expectProblem(await post(tokens.fire, fireTask, 'assign', { clerk: 'clerk-fire' }), 403, 'forbidden');
    expectProblem(
      await post(tokens.lead, fireTask, 'assign', { clerk: 'clerk-planning' }),
      422,
      'validation-failed',
    );
    expectProblem(await post(tokens.lead, fireTask, 'assign', { clerk: 'nobody' }), 422, 'validation-failed');
    expectProblem(await post(tokens.lead, fireTask, 'assign', { who: 'x' }), 400, 'malformed-request');
    // A lead of another department leads nothing here.
    const planningLead = t.svc.token({ sub: 'lead-planning', role: 'clerk', org: 'planning', lead: true });
    expectProblem(await post(planningLead, fireTask, 'assign', { clerk: 'clerk-fire' }), 403, 'forbidden');
    expect((await inbox(tokens.fire))[0]!.claimedBy?.sub).to.equal('clerk-fire-2');
  });

  it('should refuse claims on a closed task (409)', async () => {
    await sendOk(t.svc, tokens.fire2, caseId, { type: 'APPROVE', department: 'fire' });
    expectProblem(await post(tokens.fire, fireTask, 'claim'), 409, 'task-closed');
    expectProblem(await post(tokens.lead, fireTask, 'assign', { clerk: 'clerk-fire' }), 409, 'task-closed');
    const closed = await inbox(tokens.fire, '?status=closed');
    expect(closed.map((x) => x.id)).to.deep.equal([fireTask]);
    expect(closed[0]!.claimedBy?.sub, 'the claim stays on the closed task').to.equal('clerk-fire-2');
  });
});
