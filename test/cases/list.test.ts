import { expect } from 'chai';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { acceptedCase, createDraft } from '../support/http.ts';
import { withService } from '../support/with-service.ts';

describeEachDatabase('cases/list', (kind) => {
  describe('GET /applications', () => {
    const t = withService(kind);
    const ids = { drafts: [] as string[], noFire: '', withFire: '', other: '' };
    const list = async (token: string, query = '') => {
      const response = await t.svc.request('GET', `/api/v1/applications${query}`, { token });
      expect(response.status, JSON.stringify(response.body)).to.equal(200);
      return response.body as { items: Array<{ id: string; status: string }>; nextCursor: string | null };
    };
    const idsOf = (page: { items: Array<{ id: string }> }) => page.items.map((item) => item.id);

    before(async () => {
      const who = t.who;
      for (let i = 0; i < 3; i++)
        ids.drafts.push(await createDraft(t.svc, who.applicant, constructionPermitApplication()));
      const noFire = constructionPermitApplication();
      noFire.form.specialFireWorks = false;
      ids.noFire = await acceptedCase(t.svc, who, noFire);
      ids.withFire = await acceptedCase(t.svc, who, constructionPermitApplication());
      ids.other = await createDraft(t.svc, who.otherApplicant, constructionPermitApplication());
    });

    it('should show an enterprise its own cases only', async () => {
      const own = await list(t.who.applicant);
      expect(idsOf(own)).to.have.members([...ids.drafts, ids.noFire, ids.withFire]);
      expect(idsOf(await list(t.who.otherApplicant))).to.deep.equal([ids.other]);
    });

    it('should show a clerk only the cases with a task of its department', async () => {
      expect(idsOf(await list(t.who.clerk('fire')))).to.deep.equal([ids.withFire]);
      expect(idsOf(await list(t.who.clerk('planning')))).to.have.members([ids.noFire, ids.withFire]);
      expect(idsOf(await list(t.who.clerk('archives')))).to.deep.equal([]);
    });

    it('should show an auditor every case, filtered by status', async () => {
      expect(idsOf(await list(t.who.auditor))).to.have.length(6);
      const drafts = await list(t.who.auditor, '?status=draft');
      expect(idsOf(drafts)).to.have.members([...ids.drafts, ids.other]);
      for (const item of drafts.items) expect(item.status).to.equal('draft');
      expect(idsOf(await list(t.who.applicant, '?status=in_review'))).to.have.members([
        ids.noFire,
        ids.withFire,
      ]);
    });

    it('should page with limit and nextCursor, without gaps or repeats', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await list(t.who.auditor, `?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.items.length).to.be.at.most(4);
        seen.push(...idsOf(page));
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).to.equal(2);
      expect(seen).to.have.length(6);
      expect(seen).to.have.members(idsOf(await list(t.who.auditor)));
      const first = await list(t.who.applicant, '?limit=5');
      expect(first.items).to.have.length(5);
      expect(first.nextCursor).to.equal(null);
    });
  });
});
