import { expect } from 'chai';
import type { Principal } from '../../src/auth/principal.ts';
import { caseVerdict, whereVisible, type VisibilityDeps } from '../../src/cases/visibility.ts';
import { caseWithTaskOf } from '../../src/cases/queries.ts';
import { insertDelegation, setDelegationHolder } from '../../src/delegations/store.ts';
import { toApplication, type Actor } from '../../src/engine/records.ts';
import type { DelegationTerms } from '../../workflows/delegation.ts';
import { completionForm, completionProject } from '../fixtures/completion-acceptance.ts';
import { copy, permitForm, permitProject } from '../fixtures/construction-permit.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { agentActor, SERVICE_TEAM } from '../support/delegation.ts';
import { createHarness, ENTERPRISE, OTHER_ENTERPRISE, type Harness } from '../support/harness.ts';

/** A user of each enterprise, as the engine's actor and as the caller alike. */
const enterpriseA = { sub: 'user-a', role: 'applicant', org: ENTERPRISE } as const satisfies Actor &
  Principal;
const enterpriseB = { sub: 'user-b', role: 'applicant', org: OTHER_ENTERPRISE } as const satisfies Actor &
  Principal;

/** The cases of the scene, by name; the ids are generated. */
type CaseName = 'permitA1' | 'permitA2' | 'completionA' | 'permitB' | 'completionB';
const ALL: CaseName[] = ['permitA1', 'permitA2', 'completionA', 'permitB', 'completionB'];

/** A draft of either workflow for an enterprise. */
async function createCase(
  h: Harness,
  actor: Actor,
  workflow: 'construction-permit' | 'completion-acceptance',
) {
  const permit = workflow === 'construction-permit';
  const { application } = await h.engine.create({
    workflow,
    applicant: actor.org!,
    project: copy(permit ? permitProject : completionProject) as Record<string, unknown>,
    form: copy(permit ? permitForm : completionForm) as Record<string, unknown>,
    actor,
  });
  return application.id;
}

/** An agreement as the routes make it: the case and its `delegations` row, then (unless told) accepted. */
async function agreement(
  h: Harness,
  enterprise: Actor,
  agent: string,
  terms: Omit<DelegationTerms, 'expiresAt'>,
  expiresAt = '2026-06-01T00:00:00.000Z',
): Promise<string> {
  const { application } = await h.engine.create(
    {
      workflow: 'delegation',
      applicant: enterprise.org!,
      project: { name: 'Proxy handling agreement' },
      form: { ...terms, expiresAt },
      actor: enterprise,
    },
    (trx, app) =>
      insertDelegation(trx, {
        id: app.id,
        enterprise: app.applicant,
        requestedAgent: null,
        stages: terms.stages ?? null,
        applicationIds: terms.applications ?? null,
        expiresAt,
      }),
  );
  await h.engine.send(
    { applicationId: application.id, event: { type: 'ACCEPT' }, actor: agentActor(agent) },
    async (trx) => {
      await setDelegationHolder(trx, application.id, agent);
      return {};
    },
  );
  return application.id;
}

/** A task row of a department on a case (the visibility rule reads only the department and the case). */
async function task(h: Harness, applicationId: string, department: string, status: 'open' | 'closed') {
  await h.db.knex('tasks').insert({
    application_id: applicationId,
    node: `visibility-test.${department}`,
    department,
    action: 'review',
    limit_days: 5,
    opened_at: '2026-03-02T01:00:00.000Z',
    due_at: '2026-03-09T01:00:00.000Z',
    status,
    ...(status === 'closed' ? { closed_at: '2026-03-03T01:00:00.000Z', closed_by_event: 'APPROVE' } : {}),
  });
}

const clerkOf = (sub: string, department: string): Principal => ({ sub, role: 'clerk', org: department });
const agentOf = (sub: string): Principal => ({ sub, role: 'agent', org: SERVICE_TEAM });

/**
 * Every principal of the scene with the cases it must see, written out by hand from the rule: the enterprise
 * its own; an agent what an active, unexpired agreement it holds covers; a clerk the cases with a task of its
 * department, or of an enterprise it is liaison for; auditors and admins every case; agreements never.
 */
const EXPECTED: Array<{ who: string; principal: Principal; sees: CaseName[] }> = [
  { who: 'enterprise A', principal: { ...enterpriseA }, sees: ['permitA1', 'permitA2', 'completionA'] },
  { who: 'enterprise B', principal: { ...enterpriseB }, sees: ['permitB', 'completionB'] },
  {
    who: 'another user of enterprise A',
    principal: { ...enterpriseA, sub: 'user-a2' },
    sees: ['permitA1', 'permitA2', 'completionA'],
  },
  {
    who: 'an agent for all of A',
    principal: agentOf('agent-all'),
    sees: ['permitA1', 'permitA2', 'completionA'],
  },
  { who: 'an agent for stage 4 of A', principal: agentOf('agent-stage'), sees: ['completionA'] },
  { who: 'an agent for one case of B', principal: agentOf('agent-case'), sees: ['permitB'] },
  {
    who: 'an agent for a workflow of A and a case of B',
    principal: agentOf('agent-mixed'),
    sees: ['permitA1', 'permitA2', 'completionB'],
  },
  { who: 'an agent whose agreement was revoked', principal: agentOf('agent-revoked'), sees: [] },
  { who: 'an agent whose agreement has expired', principal: agentOf('agent-expired'), sees: [] },
  { who: 'an agent with no agreement', principal: agentOf('agent-none'), sees: [] },
  { who: 'a window clerk', principal: clerkOf('clerk-window', 'window'), sees: ['permitA1', 'permitB'] },
  {
    who: 'another window clerk',
    principal: clerkOf('clerk-window-2', 'window'),
    sees: ['permitA1', 'permitB'],
  },
  {
    who: 'a planning clerk',
    principal: clerkOf('clerk-planning', 'planning'),
    sees: ['permitA2', 'completionA'],
  },
  {
    who: 'a fire clerk, liaison of B',
    principal: clerkOf('clerk-fire', 'fire'),
    sees: ['permitA1', 'permitB', 'completionB'],
  },
  { who: 'a clerk of a department without tasks', principal: clerkOf('clerk-civil', 'civil'), sees: [] },
  { who: 'an auditor', principal: { sub: 'auditor', role: 'auditor', org: null }, sees: ALL },
  { who: 'an admin', principal: { sub: 'admin', role: 'admin', org: null }, sees: ALL },
];

describeEachDatabase('cases/visibility', (kind) => {
  let h: Harness;
  let deps: VisibilityDeps;
  const ids = {} as Record<CaseName, string>;
  let agreementIds: string[];

  before(async function () {
    this.timeout(30_000);
    h = await createHarness(kind);
    ids.permitA1 = await createCase(h, enterpriseA, 'construction-permit');
    ids.permitA2 = await createCase(h, enterpriseA, 'construction-permit');
    ids.completionA = await createCase(h, enterpriseA, 'completion-acceptance');
    ids.permitB = await createCase(h, enterpriseB, 'construction-permit');
    ids.completionB = await createCase(h, enterpriseB, 'completion-acceptance');

    await task(h, ids.permitA1, 'window', 'open');
    await task(h, ids.permitB, 'window', 'closed');
    await task(h, ids.permitA2, 'planning', 'open');
    await task(h, ids.completionA, 'planning', 'closed');
    await task(h, ids.permitA1, 'fire', 'open');
    await h.db.knex('liaisons').insert({
      enterprise: OTHER_ENTERPRISE,
      clerk: 'clerk-fire',
      assigned_by: 'admin',
      assigned_at: '2026-03-01T00:00:00.000Z',
    });

    agreementIds = [
      await agreement(h, enterpriseA, 'agent-all', {}),
      await agreement(h, enterpriseA, 'agent-stage', { stages: [4] }),
      await agreement(h, enterpriseB, 'agent-case', { applications: [ids.permitB] }),
      await agreement(h, enterpriseA, 'agent-mixed', { stages: ['construction-permit'] }),
      await agreement(h, enterpriseB, 'agent-mixed', { applications: [ids.completionB] }),
      await agreement(h, enterpriseA, 'agent-revoked', {}),
      await agreement(h, enterpriseA, 'agent-expired', {}, '2026-03-03T00:00:00.000Z'),
    ];
    await h.engine.send({ applicationId: agreementIds[5]!, event: { type: 'REVOKE' }, actor: enterpriseA });
    // Past its expiry, before its timer has fired: the agreement still reads active, and is ended all the same.
    h.clock.advance({ hours: 48 });
    deps = { db: h.db, registry: h.registry, now: h.clock.now() };
  });

  after(async () => {
    await h?.close();
  });

  const nameOf = (id: string): string =>
    (Object.entries(ids).find(([, caseId]) => caseId === id)?.[0] ?? `agreement ${id}`) as string;

  /** The TypeScript form over every case of the database, agreements included. */
  async function seenByVerdict(principal: Principal): Promise<string[]> {
    const every = await h.db.knex('applications').select('id');
    const seen: string[] = [];
    for (const { id } of every) {
      const department = principal.role === 'clerk' ? principal.org : null;
      const { app, hasTask } = await caseWithTaskOf(h.engine, String(id), department);
      const { access } = await caseVerdict(deps, principal, app!, hasTask);
      if (access !== 'none') seen.push(nameOf(String(id)));
    }
    return seen.sort();
  }

  /** The SQL form. */
  async function seenByFilter(principal: Principal): Promise<string[]> {
    const query = h.db.knex('applications').select('applications.*');
    await whereVisible(query, deps, principal);
    const rows = await query;
    return rows.map((r) => nameOf(toApplication(r, h.db.dialect).id)).sort();
  }

  for (const { who, principal, sees } of EXPECTED) {
    it(`should show ${who} the same cases in TypeScript and in SQL`, async () => {
      const expected = [...sees].sort();
      expect(await seenByVerdict(principal), 'TypeScript').to.deep.equal(expected);
      expect(await seenByFilter(principal), 'SQL').to.deep.equal(expected);
    });
  }

  it('should give a liaison read access only, and act to a clerk with a task', async () => {
    const liaison = clerkOf('clerk-fire', 'fire');
    const read = await caseWithTaskOf(h.engine, ids.permitB, 'fire');
    expect((await caseVerdict(deps, liaison, read.app!, read.hasTask)).access).to.equal('read');
    const act = await caseWithTaskOf(h.engine, ids.permitA1, 'fire');
    expect((await caseVerdict(deps, liaison, act.app!, act.hasTask)).access).to.equal('act');
  });

  it('should hide agreements from everyone, their own enterprise included', async () => {
    for (const principal of [enterpriseA, { sub: 'auditor', role: 'auditor', org: null } as Principal]) {
      const { app } = await caseWithTaskOf(h.engine, agreementIds[0]!, null);
      expect((await caseVerdict(deps, principal as Principal, app!, false)).access).to.equal('none');
    }
  });
});
