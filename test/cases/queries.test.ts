import { expect } from 'chai';
import type { Principal } from '../../src/auth/principal.ts';
import { caseWithTaskOf, historyOf, listCases, ownApplicationIds } from '../../src/cases/queries.ts';
import type { VisibilityDeps } from '../../src/cases/visibility.ts';
import { completionForm, completionProject } from '../fixtures/completion-acceptance.ts';
import { copy } from '../fixtures/construction-permit.ts';
import { createPermit, send, SUBMIT } from '../support/cases.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { applicant, createHarness, ENTERPRISE, OTHER_ENTERPRISE, type Harness } from '../support/harness.ts';

const admin: Principal = { sub: 'admin', role: 'admin', org: null };

describeEachDatabase('cases/queries', (kind) => {
  let h: Harness;
  let deps: () => VisibilityDeps;
  /** Oldest first: a permit drafted on Monday, one submitted on Tuesday, a completion case of B on Wednesday. */
  let drafted: string;
  let submitted: string;
  let other: string;

  before(async function () {
    this.timeout(30_000);
    h = await createHarness(kind);
    deps = () => ({ db: h.db, registry: h.registry, now: h.clock.now() });
    drafted = await createPermit(h);
    h.clock.advance({ hours: 24 });
    submitted = await createPermit(h);
    await send(h, submitted, SUBMIT);
    h.clock.advance({ hours: 24 });
    const { application } = await h.engine.create({
      workflow: 'completion-acceptance',
      applicant: OTHER_ENTERPRISE,
      project: copy(completionProject) as Record<string, unknown>,
      form: copy(completionForm) as Record<string, unknown>,
      actor: { sub: 'user-b', role: 'applicant', org: OTHER_ENTERPRISE },
    });
    other = application.id;
  });

  after(async () => {
    await h?.close();
  });

  const ids = async (filter: Parameters<typeof listCases>[2], principal = admin) =>
    (await listCases(deps(), principal, filter)).map((c) => c.id);

  describe('listCases', () => {
    it('should list every case newest first', async () => {
      expect(await ids({ limit: 10 })).to.deep.equal([other, submitted, drafted]);
    });

    it('should list only the cases the caller may see', async () => {
      const enterprise: Principal = { sub: 'user-a', role: 'applicant', org: ENTERPRISE };
      expect(await ids({ limit: 10 }, enterprise)).to.deep.equal([submitted, drafted]);
    });

    it('should filter by status, workflow and the department of a task', async () => {
      expect(await ids({ limit: 10, status: 'submitted' })).to.deep.equal([submitted]);
      expect(await ids({ limit: 10, workflow: 'completion-acceptance' })).to.deep.equal([other]);
      expect(await ids({ limit: 10, department: 'window' })).to.deep.equal([submitted]);
      expect(await ids({ limit: 10, department: 'planning' })).to.deep.equal([]);
    });

    it('should filter by the Shanghai day of submission, or of creation for a draft, `to` exclusive', async () => {
      // Tuesday 2026-03-03 00:00 in Shanghai is 2026-03-02T16:00Z.
      const tuesday = '2026-03-02T16:00:00.000Z';
      const wednesday = '2026-03-03T16:00:00.000Z';
      expect(await ids({ limit: 10, from: tuesday, to: wednesday })).to.deep.equal([submitted]);
      expect(await ids({ limit: 10, to: tuesday })).to.deep.equal([drafted]);
      expect(await ids({ limit: 10, from: wednesday })).to.deep.equal([other]);
    });

    it('should list as overdue a case with an open task past its due time', async () => {
      expect(await ids({ limit: 10, overdue: true })).to.deep.equal([]);
      const later = { ...deps(), now: new Date('2026-06-01T00:00:00Z') };
      expect((await listCases(later, admin, { limit: 10, overdue: true })).map((c) => c.id)).to.deep.equal([
        submitted,
      ]);
    });

    it('should page after a cursor of creation time and id', async () => {
      const [first, second] = await listCases(deps(), admin, { limit: 2 });
      expect([first!.id, second!.id]).to.deep.equal([other, submitted]);
      expect(await ids({ limit: 2, after: { key: second!.createdAt, id: second!.id } })).to.deep.equal([
        drafted,
      ]);
    });
  });

  describe('caseWithTaskOf', () => {
    it("should load a case with whether a department has a task on it, and null for a case that isn't", async () => {
      const window = await caseWithTaskOf(h.engine, submitted, 'window');
      expect(window.app?.id).to.equal(submitted);
      expect(window.hasTask).to.equal(true);
      expect((await caseWithTaskOf(h.engine, submitted, 'planning')).hasTask).to.equal(false);
      expect((await caseWithTaskOf(h.engine, submitted, null)).hasTask).to.equal(false);
      expect(await caseWithTaskOf(h.engine, '00000000-0000-4000-8000-000000000000', 'window')).to.deep.equal({
        app: null,
        hasTask: false,
      });
    });
  });

  describe('historyOf', () => {
    it('should give the audit records in order, CREATE first', async () => {
      const history = await historyOf(h.db, submitted);
      expect(history.map((a) => [a.seq, a.type])).to.deep.equal([
        [1, 'CREATE'],
        [2, 'SUBMIT'],
      ]);
    });
  });

  describe('ownApplicationIds', () => {
    it("should keep only the enterprise's own applications", async () => {
      const own = await ownApplicationIds(h.db, applicant.org!, [drafted, other, 'not-a-case']);
      expect([...own]).to.deep.equal([drafted]);
    });
  });
});
