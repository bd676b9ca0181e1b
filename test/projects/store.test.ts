import { expect } from 'chai';
import { projectByCode, projectFromCase } from '../../src/projects/index.ts';
import { copy, permitForm, permitProject } from '../fixtures/construction-permit.ts';
import { landPlanningForm } from '../fixtures/land-planning.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { applicant, createHarness, ENTERPRISE, OTHER_ENTERPRISE, type Harness } from '../support/harness.ts';

/*
 * The projects table as the observer fills it from the cases that name a code, in the event's transaction.
 */
describeEachDatabase('projects/store', (kind) => {
  let h: Harness;
  before(async () => {
    h = await createHarness(kind, '2026-03-02T09:00:00+08:00');
    h.engine.observe(projectFromCase);
  });
  after(async () => {
    await h?.close();
  });

  const create = (
    workflow: string,
    project: Record<string, unknown>,
    form: Record<string, unknown>,
    org = ENTERPRISE,
  ) => h.engine.create({ workflow, applicant: org, project, form, actor: { ...applicant, org } });

  it('should create the project of a new case, typed from the main use of its construction form', async () => {
    const project = { ...copy(permitProject), code: '2026-360200-48-01-000201' };
    await create('construction-permit', project, copy(permitForm));
    expect(await projectByCode(h.db, '2026-360200-48-01-000201')).to.deep.include({
      code: '2026-360200-48-01-000201',
      name: permitProject.name,
      projectType: 'industrial',
      enterprise: ENTERPRISE,
      regionCode: '360200',
      firstSeenAt: '2026-03-02T01:00:00.000Z',
    });
  });

  it("should let the type stage 1 declares win, and keep the first enterprise's name against another's", async () => {
    const code = '2026-360200-48-01-000202';
    await create('construction-permit', { code, name: 'Plant' }, copy(permitForm));
    h.clock.advance({ hours: 1 });
    await create(
      'land-planning',
      { code, name: 'Plant, renamed' },
      { ...landPlanningForm, projectType: 'small' },
    );
    await create('land-planning', { code, name: 'Somebody else’s name' }, landPlanningForm, OTHER_ENTERPRISE);
    const project = await projectByCode(h.db, code);
    expect(project).to.deep.include({
      name: 'Plant, renamed',
      projectType: 'small',
      enterprise: ENTERPRISE,
    });
    expect(project!.updatedAt).to.equal('2026-03-02T02:00:00.000Z');
  });

  it('should leave a case without a code out of the projects', async () => {
    const before = await h.db.knex('projects').count({ n: '*' }).first();
    await create('construction-permit', { name: 'No code yet' }, copy(permitForm));
    expect(await h.db.knex('projects').count({ n: '*' }).first()).to.deep.equal(before);
  });
});
