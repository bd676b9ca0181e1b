import { expect } from 'chai';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { ENTERPRISE } from '../support/harness.ts';
import { acceptedCase, expectProblem, sendOk } from '../support/http.ts';
import { withService } from '../support/with-service.ts';

interface Row {
  id: number;
  applicationId: string;
  dueAt: string;
  urgency: string;
  projectName: string | null;
  projectCode: string | null;
  applicant: string;
  applicantName: string | null;
  workflow: string;
}

describeEachDatabase('tasks/inbox', (kind) => {
  const named = (name: string, code?: string) => {
    const body = constructionPermitApplication();
    body.project = { ...body.project, name, ...(code ? { code } : {}) };
    return body;
  };

  describe('paging', () => {
    const t = withService(kind);
    const cases: string[] = [];
    const page = async (cursor: string | null, limit = 2) => {
      const query = `?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
      const response = await t.svc.request('GET', `/api/v1/tasks${query}`, { token: t.who.clerk('fire') });
      expect(response.status, JSON.stringify(response.body)).to.equal(200);
      return response.body as { items: Row[]; nextCursor: string | null };
    };

    before(async () => {
      for (let i = 0; i < 5; i++) cases.push(await acceptedCase(t.svc, t.who, named(`厂房 ${i}`)));
    });

    it('should name the project and the enterprise on every row, soonest due first', async () => {
      const { items } = await page(null, 50);
      expect(items).to.have.length(5);
      // Accepted Monday 2 March 2026; fire reviews in 15 working days: Monday 23 March, end of day in Shanghai.
      for (const row of items) expect(row.dueAt).to.equal('2026-03-23T15:59:59.999Z');
      expect(items.map((r) => r.projectName)).to.have.members(cases.map((_, i) => `厂房 ${i}`));
      // The enterprise by the name its own submitted form gives it (its construction unit is itself).
      expect(items[0]).to.include({
        workflow: 'construction-permit',
        applicant: ENTERPRISE,
        applicantName: 'Changjiang Construction Engineering Co.',
      });
      expect(items.map((r) => r.id)).to.deep.equal([...items.map((r) => r.id)].sort((a, b) => a - b));
    });

    it('should page without gaps while clocks stop, and a restarted clock only moves a task later', async () => {
      const seen: number[] = [];
      let current = await page(null);
      seen.push(...current.items.map((r) => r.id));
      // Between pages: the case of a task already read and the case of one not yet read stop their clocks.
      const first = current.items[0]!.applicationId;
      const later = cases.find((id) => !current.items.some((r) => r.applicationId === id))!;
      for (const id of [first, later])
        await sendOk(t.svc, t.who.clerk('planning'), id, {
          type: 'REQUEST_SUPPLEMENT',
          department: 'planning',
          comment: '请补交总平面图。',
        });
      current = await page(current.nextCursor);
      seen.push(...current.items.map((r) => r.id));
      // The first case's clock runs again three working days later: its deadline moves to Thursday 26 March.
      t.svc.clock.set('2026-03-05T10:00:00+08:00');
      await sendOk(t.svc, t.who.applicant, first, { type: 'SUPPLEMENT' });
      while (current.nextCursor) {
        current = await page(current.nextCursor);
        seen.push(...current.items.map((r) => r.id));
      }
      const all = (await page(null, 50)).items;
      expect(new Set(seen)).to.deep.equal(new Set(all.map((r) => r.id)));
      const moved = all.find((r) => r.applicationId === first)!;
      expect(moved.dueAt).to.equal('2026-03-26T15:59:59.999Z');
      // Read once before it moved and once after: never missed, at most twice.
      expect(seen.filter((id) => id === moved.id)).to.have.length(2);
      expect(seen.length).to.equal(all.length + 1);
    });
  });

  describe('filters', () => {
    const t = withService(kind);
    const ids = { plant: '', school: '', other: '' };
    const list = async (query: string, token = t.who.clerk('fire')) => {
      const response = await t.svc.request('GET', `/api/v1/tasks${query}`, { token });
      expect(response.status, JSON.stringify(response.body)).to.equal(200);
      return (response.body.items as Row[]).map((r) => r.applicationId);
    };

    before(async () => {
      ids.plant = await acceptedCase(t.svc, t.who, named('陶瓷材料厂二期', '2026-360202-48-01-012345'));
      t.svc.clock.set('2026-03-04T09:00:00+08:00');
      ids.school = await acceptedCase(t.svc, t.who, named('Riverside School', '2026-360202-48-01-099999'));
      const other = named('陶瓷博物馆');
      ids.other = await acceptedCase(t.svc, { ...t.who, applicant: t.who.otherApplicant }, other);
    });

    it('should search by project name, project code, USCC and case number', async () => {
      expect(await list(`?q=${encodeURIComponent('陶瓷')}`)).to.have.members([ids.plant, ids.other]);
      expect(await list('?q=riverside')).to.deep.equal([ids.school]);
      expect(await list('?q=2026-360202-48-01-0999')).to.deep.equal([ids.school]);
      expect(await list(`?q=${ids.other.slice(0, 8)}`)).to.deep.equal([ids.other]);
      expect(await list('?q=91310110666007217T')).to.deep.equal([ids.other]);
      expect(await list('?q=%25')).to.deep.equal([]);
    });

    it('should filter by workflow and due window, and word urgency from the calendar', async () => {
      expect(await list('?workflow=completion-acceptance')).to.deep.equal([]);
      // Plant due Monday 23 March; the school and the museum, accepted on Wednesday 4, due Wednesday 25.
      expect(await list('?dueTo=2026-03-24')).to.deep.equal([ids.plant]);
      expect(await list('?dueFrom=2026-03-24')).to.have.members([ids.school, ids.other]);
      // Wednesday 18: the second working day after is Friday 20, so nothing is due soon.
      t.svc.clock.set('2026-03-18T10:00:00+08:00');
      expect(await list('?urgency=soon')).to.deep.equal([]);
      // Thursday 19: Friday 20 and Monday 23 are the next two working days, so the plant is due soon.
      t.svc.clock.set('2026-03-19T10:00:00+08:00');
      expect(await list('?urgency=soon')).to.deep.equal([ids.plant]);
      const response = await t.svc.request('GET', '/api/v1/tasks', { token: t.who.clerk('fire') });
      const urgency = Object.fromEntries(
        (response.body.items as Row[]).map((r) => [r.applicationId, r.urgency]),
      );
      expect(urgency).to.deep.equal({ [ids.plant]: 'soon', [ids.school]: 'normal', [ids.other]: 'normal' });
      // Tuesday 24: the plant is overdue, the others (due Wednesday 25) due soon.
      t.svc.clock.set('2026-03-24T10:00:00+08:00');
      expect(await list('?urgency=overdue')).to.deep.equal([ids.plant]);
      expect(await list('?urgency=soon')).to.have.members([ids.school, ids.other]);
    });

    it('should refuse unknown filters and over-long searches with 400', async () => {
      const token = t.who.clerk('fire');
      for (const query of ['?urgency=late', `?q=${'x'.repeat(101)}`, '?dueFrom=2026-02-30', '?status=done']) {
        expectProblem(
          await t.svc.request('GET', `/api/v1/tasks${query}`, { token }),
          400,
          'malformed-request',
        );
      }
      expectProblem(
        await t.svc.request('GET', '/api/v1/tasks', { token: t.who.applicant }),
        403,
        'forbidden',
      );
    });
  });
});
