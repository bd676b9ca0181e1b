import { expect } from 'chai';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { OTHER_ENTERPRISE } from '../support/harness.ts';
import { acceptedCase, createDraft, expectProblem } from '../support/http.ts';
import { withService } from '../support/with-service.ts';

describeEachDatabase('cases/search', (kind) => {
  const t = withService(kind);
  const ids = { plant: '', school: '', draft: '', odd: '', other: '' };
  const named = (name: string, code?: string) => {
    const body = constructionPermitApplication();
    body.project = { ...body.project, name, ...(code ? { code } : {}) };
    return body;
  };
  const list = async (token: string, query: string) => {
    const response = await t.svc.request('GET', `/api/v1/applications${query}`, { token });
    expect(response.status, JSON.stringify(response.body)).to.equal(200);
    return response.body as {
      items: Array<{ id: string; dueAt: string | null; applicantName: string | null }>;
      nextCursor: string | null;
    };
  };
  const found = async (token: string, q: string) =>
    (await list(token, `?q=${encodeURIComponent(q)}`)).items.map((c) => c.id);

  before(async () => {
    ids.plant = await acceptedCase(t.svc, t.who, named('陶瓷材料厂二期', '2026-360202-48-01-012345'));
    t.svc.clock.set('2026-03-04T09:00:00+08:00');
    ids.school = await acceptedCase(t.svc, t.who, named('Riverside School', '2026-360202-48-01-099999'));
    ids.draft = await createDraft(t.svc, t.who.applicant, named('Riverside Depot'));
    ids.odd = await createDraft(t.svc, t.who.applicant, named('100%_done'));
    const other = named('陶瓷博物馆', '2026-360202-48-01-055555');
    ids.other = await acceptedCase(t.svc, { ...t.who, applicant: t.who.otherApplicant }, other);
  });

  it('should find cases by project name, case-insensitively, and by code, USCC and case number', async () => {
    const auditor = t.who.auditor;
    expect(await found(auditor, '陶瓷')).to.have.members([ids.plant, ids.other]);
    expect(await found(auditor, 'RIVERSIDE')).to.have.members([ids.school, ids.draft]);
    expect(await found(auditor, '2026-360202-48-01-0999')).to.deep.equal([ids.school]);
    expect(await found(auditor, OTHER_ENTERPRISE)).to.deep.equal([ids.other]);
    expect(await found(auditor, ids.plant.slice(0, 8).toUpperCase())).to.deep.equal([ids.plant]);
    // The text is searched for as typed: % and _ are no wildcards.
    expect(await found(auditor, '%_')).to.deep.equal([ids.odd]);
    expect(await found(auditor, '_')).to.deep.equal([ids.odd]);
    expect(await found(auditor, '  ')).to.have.length(5);
  });

  it("should find an enterprise's cases by the name the directory knows", async () => {
    // The other enterprise's form names it (its design unit is itself).
    expect(await found(t.who.auditor, 'jiangnan architectural')).to.deep.equal([ids.other]);
  });

  it("should never find another enterprise's cases, whatever the search", async () => {
    for (const q of ['陶瓷', OTHER_ENTERPRISE, ids.other.slice(0, 8), '2026-360202-48-01-0555', 'jiangnan']) {
      expect(await found(t.who.applicant, q), q).to.not.include(ids.other);
    }
    expect(await found(t.who.otherApplicant, 'riverside')).to.deep.equal([]);
    // A clerk finds only cases with a task of the department: archives has none.
    expect(await found(t.who.clerk('archives'), '陶瓷')).to.deep.equal([]);
  });

  it('should sort by due date, cases without a deadline last, and page that order without gaps', async () => {
    const all = (await list(t.who.applicant, '?sort=due')).items;
    expect(all.map((c) => c.id).slice(0, 2)).to.deep.equal([ids.plant, ids.school]);
    // Accepted on Monday 2 and Wednesday 4 March 2026, the permit's 45 working days (6 April and 1–5 May off,
    // Saturday 9 May worked) end on Friday 8 May and Monday 11 May.
    expect(all.map((c) => c.dueAt).slice(0, 2)).to.deep.equal([
      '2026-05-08T15:59:59.999Z',
      '2026-05-11T15:59:59.999Z',
    ]);
    expect(all.slice(2).map((c) => c.dueAt)).to.deep.equal([null, null]);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(t.who.applicant, `?sort=due&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).to.deep.equal(all.map((c) => c.id));
  });

  it('should filter by due window', async () => {
    expect((await list(t.who.auditor, '?dueTo=2026-05-09')).items.map((c) => c.id)).to.deep.equal([
      ids.plant,
    ]);
    const later = (await list(t.who.auditor, '?dueFrom=2026-05-09')).items.map((c) => c.id);
    expect(later).to.have.members([ids.school, ids.other]);
  });

  it('should name the enterprise in the list', async () => {
    const { items } = await list(t.who.applicant, `?q=${ids.plant}`);
    expect(items[0]!.applicantName).to.equal('Changjiang Construction Engineering Co.');
  });

  it('should refuse an unknown sort, an over-long search and a bad due date with 400', async () => {
    for (const query of ['?sort=name', `?q=${'x'.repeat(101)}`, '?dueTo=tomorrow']) {
      const response = await t.svc.request('GET', `/api/v1/applications${query}`, { token: t.who.auditor });
      expectProblem(response, 400, 'malformed-request');
    }
  });
});
