import { expect } from 'chai';
import type { Principal } from '../../src/auth/principal.ts';
import {
  actsInNameOf,
  activeDelegationsHeldBy,
  delegationRow,
  delegationsVisibleTo,
  enterprisesOfLiaison,
  insertDelegation,
  liaisonOf,
  liaisonRow,
  nameLiaison,
  setDelegationHolder,
} from '../../src/delegations/store.ts';
import type { Actor } from '../../src/engine/records.ts';
import { createPermit } from '../support/cases.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { agentActor, SERVICE_TEAM } from '../support/delegation.ts';
import { applicant, createHarness, ENTERPRISE, OTHER_ENTERPRISE, type Harness } from '../support/harness.ts';

const EXPIRES = '2026-06-01T00:00:00.000Z';

describeEachDatabase('delegations/store', (kind) => {
  let h: Harness;
  let held: string;
  let named: string;
  let open: string;
  let ofOther: string;

  /** An agreement requested the way the routes request it: its case and its row in one transaction. */
  async function request(enterprise: Actor, agent: string | null, applications?: string[]): Promise<string> {
    const { application } = await h.engine.create(
      {
        workflow: 'delegation',
        applicant: enterprise.org!,
        project: { name: 'Proxy handling agreement' },
        form: { expiresAt: EXPIRES, ...(agent ? { agent } : {}), ...(applications ? { applications } : {}) },
        actor: enterprise,
      },
      (trx, app) =>
        insertDelegation(trx, {
          id: app.id,
          enterprise: app.applicant,
          requestedAgent: agent,
          stages: null,
          applicationIds: applications ?? null,
          expiresAt: EXPIRES,
        }),
    );
    return application.id;
  }

  before(async function () {
    this.timeout(30_000);
    h = await createHarness(kind);
    const permit = await createPermit(h);
    held = await request(applicant, null, [permit]);
    await h.engine.send(
      { applicationId: held, event: { type: 'ACCEPT' }, actor: agentActor('agent-1') },
      async (trx) => {
        await setDelegationHolder(trx, held, 'agent-1');
        return {};
      },
    );
    // An act in the enterprise's name, under the agreement.
    await h.engine.patchDraft({
      applicationId: permit,
      patch: { form: { note: 'by the agent' } },
      actor: agentActor('agent-1'),
      onBehalfOf: ENTERPRISE,
    });
    named = await request(applicant, 'agent-2');
    open = await request(applicant, null);
    ofOther = await request({ sub: 'user-b', role: 'applicant', org: OTHER_ENTERPRISE }, 'agent-2');
  });

  after(async () => {
    await h?.close();
  });

  const visible = async (principal: Principal) => {
    const query = delegationsVisibleTo(h.db, principal);
    if (!query) return null;
    return (await query.select('a.id')).map((r: { id: string }) => r.id).sort();
  };

  it('should store the terms of an agreement and the agent who accepted it', async () => {
    const row = await delegationRow(h.db, held);
    expect(row).to.include({ enterprise: ENTERPRISE, holder: 'agent-1', requested_agent: null });
    expect(h.db.dialect.readJson(row!.application_ids)).to.have.length(1);
    const [active] = await activeDelegationsHeldBy(h.db, 'agent-1', h.clock.now());
    expect(active).to.include({ id: held, enterprise: ENTERPRISE, holder: 'agent-1', stages: null });
  });

  it('should show each caller the agreements it has a part in', async () => {
    expect(await visible({ ...applicant, role: 'applicant' })).to.deep.equal([held, named, open].sort());
    // agent-1: the one it holds, and open requests naming nobody.
    expect(await visible({ sub: 'agent-1', role: 'agent', org: SERVICE_TEAM })).to.deep.equal(
      [held, open].sort(),
    );
    expect(await visible({ sub: 'agent-2', role: 'agent', org: SERVICE_TEAM })).to.deep.equal(
      [named, open, ofOther].sort(),
    );
    expect(await visible({ sub: 'auditor', role: 'auditor', org: null })).to.deep.equal(
      [held, named, open, ofOther].sort(),
    );
    expect(await visible({ sub: 'clerk', role: 'clerk', org: 'window' })).to.equal(null);
  });

  it("should find the acts an agent did in the enterprise's name", async () => {
    const acts = await actsInNameOf(h.db, ENTERPRISE, 'agent-1', '2026-01-01T00:00:00.000Z');
    expect(acts.map((r) => r.type)).to.deep.equal(['UPDATE_DRAFT']);
    expect(await actsInNameOf(h.db, ENTERPRISE, 'agent-2', '2026-01-01T00:00:00.000Z')).to.deep.equal([]);
  });

  it('should name, rename and read an enterprise’s liaison', async () => {
    expect(await liaisonOf(h.db, ENTERPRISE)).to.equal(null);
    const at = '2026-03-02T01:00:00.000Z';
    await nameLiaison(h.db, {
      enterprise: ENTERPRISE,
      clerk: 'clerk-1',
      assigned_by: 'admin',
      assigned_at: at,
    });
    await nameLiaison(h.db, {
      enterprise: ENTERPRISE,
      clerk: 'clerk-2',
      assigned_by: 'admin',
      assigned_at: at,
    });
    expect(await liaisonOf(h.db, ENTERPRISE)).to.equal('clerk-2');
    expect(await liaisonRow(h.db, ENTERPRISE)).to.include({ clerk: 'clerk-2', assigned_by: 'admin' });
    expect(await enterprisesOfLiaison(h.db, 'clerk-2')).to.deep.equal([ENTERPRISE]);
    expect(await enterprisesOfLiaison(h.db, 'clerk-1')).to.deep.equal([]);
  });
});
