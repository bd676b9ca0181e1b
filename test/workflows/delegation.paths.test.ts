import { expect } from 'chai';
import type { AnyStateNode } from 'xstate';
import { referenceCalendar } from '../../src/calendar/index.ts';
import { EventNotAllowedError } from '../../src/errors/index.ts';
import { SYSTEM_ACTOR, type Actor } from '../../src/engine/records.ts';
import { fireDueTimers } from '../../src/engine/timers.ts';
import type { DelegationContext } from '../../workflows/delegation.ts';
import { createRegistry } from '../../workflows/index.ts';
import { enterprise, li, otherEnterprise, paths, zhao } from '../fixtures/delegation-paths.ts';
import { auditOf, fireTimer, footprint, loadCase, timersOf } from '../support/cases.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createDelegation } from '../support/delegation.ts';
import { clerk, createHarness, type Harness } from '../support/harness.ts';

/*
 * The proxy-handling agreement (workflows/delegation.ts) through the real engine on a real database: every
 * path from the request to a final state, the guards on who may send what, the durable expiry timer, and the
 * audit record of every step with its actor.
 */

const machine = createRegistry(referenceCalendar()).get('delegation').machine;

const START = '2026-03-02T09:00:00+08:00';
const EXPIRES_AT = '2026-04-01T18:00:00+08:00';
const EXPIRES_AT_UTC = '2026-04-01T10:00:00.000Z';

const FINAL = ['concluded', 'refused', 'revoked', 'expired'];

/** Every transition the machine declares, as `from --EVENT--> to`. */
function declaredTransitions(): string[] {
  return (Object.values(machine.root.states) as AnyStateNode[]).flatMap((node) =>
    [...node.transitions.entries()].flatMap(([type, transitions]) =>
      transitions.map((t) => `${node.key} --${type}--> ${t.target?.map((n) => n.key).join(',')}`),
    ),
  );
}

const actorName = (by: Actor | 'timer') => (by === 'timer' ? 'timer' : `${by.role} ${by.sub}`);

describe('delegation paths', () => {
  it('should cover every transition the machine declares and every state it has', () => {
    const taken = new Set<string>();
    const states = new Set<string>(['requested']);
    for (const path of paths) {
      let from = 'requested';
      for (const step of path.steps) {
        taken.add(`${from} --${step.type}--> ${step.to}`);
        states.add(step.to);
        from = step.to;
      }
    }
    expect([...taken].sort()).to.deep.equal([...new Set(declaredTransitions())].sort());
    expect([...states].sort()).to.deep.equal(Object.keys(machine.root.states).sort());
  });
});

describeEachDatabase('delegation paths on the engine', (kind) => {
  let h: Harness;
  before(async () => {
    h = await createHarness(kind, START);
  });
  after(async () => {
    await h?.close();
  });
  beforeEach(() => {
    h.clock.set(START);
  });
  afterEach(async () => {
    // A pending expiry of one test must not fire into the next test's sweep.
    await h.db.knex('timers').del();
  });

  /** Sends one event as `actor`; a refusal states its reasons, as every REFUSE must. */
  const send = (id: string, type: string, actor: Actor) =>
    h.engine.send({
      applicationId: id,
      event: type === 'REFUSE' ? { type, comment: 'the team cannot take this project on' } : { type },
      actor,
    });

  /** Sends an event that must be refused, and checks that nothing was written. */
  async function refused(id: string, type: string, actor: Actor): Promise<void> {
    const before = await footprint(h, id);
    const error = await send(id, type, actor).catch((e: unknown) => e);
    expect(error, `${type} by ${actorName(actor)}`).to.be.instanceOf(EventNotAllowedError);
    expect(await footprint(h, id)).to.deep.equal(before);
  }

  const contextOf = async (id: string) =>
    h.engine.snapshotOf(await loadCase(h, id)).context as DelegationContext;

  it('should open a requested agreement with its expiry timer, due at expiresAt, from the request', async () => {
    const id = await createDelegation(h, { agent: li.sub, stages: [2, 3], expiresAt: EXPIRES_AT });
    const app = await loadCase(h, id);
    expect(app).to.deep.include({
      workflowId: 'delegation',
      applicant: enterprise.org,
      state: 'requested',
      status: 'requested',
      version: 1,
      concludedAt: null,
    });
    expect(await contextOf(id)).to.deep.equal({
      enterprise: enterprise.org,
      requestedAgent: li.sub,
      holder: null,
      expiresAt: EXPIRES_AT,
      requestedAt: new Date(START).toISOString(),
    });
    expect(await timersOf(h, id)).to.deep.equal([{ key: 'expiry', type: 'EXPIRE', dueAt: EXPIRES_AT_UTC }]);
    const [create] = await auditOf(h, id);
    expect(create).to.deep.include({ seq: 1, type: 'CREATE', actor: enterprise, to: 'requested' });
  });

  for (const path of paths) {
    it(`should follow ${path.name}, with every step on record with its actor`, async () => {
      const id = await createDelegation(h, {
        ...(path.agent ? { agent: path.agent } : {}),
        expiresAt: EXPIRES_AT,
      });
      const actors: Actor[] = [enterprise];
      let from = 'requested';
      for (const [i, step] of path.steps.entries()) {
        const where = `step ${i + 1} (${step.type} by ${actorName(step.by)})`;
        // The expiry is recorded at the agreement's date (the timer's due time), not when the sweep ran.
        let recordedAt = h.clock.now();
        if (step.by === 'timer') {
          // Nothing fires a moment before the agreement's date; just after it, the sweep expires it.
          h.clock.set(new Date(Date.parse(EXPIRES_AT_UTC) - 1));
          expect(await fireDueTimers(h.db, h.engine), where).to.deep.include({ fired: 0 });
          expect((await loadCase(h, id)).status, where).to.equal(from);
          const { sweep, at } = await fireTimer(h, id, 'EXPIRE');
          expect(sweep, where).to.deep.equal({ fired: 1, stale: 0, failed: [] });
          recordedAt = at;
          actors.push(SYSTEM_ACTOR);
        } else {
          h.clock.advance({ hours: 1 });
          await send(id, step.type, step.by);
          recordedAt = h.clock.now();
          actors.push(step.by);
        }
        const app = await loadCase(h, id);
        expect([app.state, app.status, app.version], where).to.deep.equal([step.to, step.to, i + 2]);
        if (FINAL.includes(step.to)) {
          expect(app.concludedAt, where).to.equal(recordedAt.toISOString());
          expect(await timersOf(h, id), where).to.deep.equal([]);
        } else {
          expect(app.concludedAt, where).to.equal(null);
          // The one expiry timer stays, unchanged, while the agreement runs.
          expect(await timersOf(h, id), where).to.deep.equal([
            { key: 'expiry', type: 'EXPIRE', dueAt: EXPIRES_AT_UTC },
          ]);
        }
        from = step.to;
      }
      expect((await contextOf(id)).holder).to.equal(path.holder);

      const audit = await auditOf(h, id);
      expect(audit.map((a) => a.type)).to.deep.equal(['CREATE', ...path.steps.map((s) => s.type)]);
      expect(audit.map((a) => a.actor)).to.deep.equal(actors);
      expect(audit.map((a) => [a.from, a.to])).to.deep.equal([
        [null, 'requested'],
        ...path.steps.map((s, i) => [i === 0 ? 'requested' : path.steps[i - 1]!.to, s.to]),
      ]);
      expect(audit.map((a) => a.status)).to.deep.equal(['requested', ...path.steps.map((s) => s.to)]);

      // A final agreement takes nothing more, from anyone.
      for (const [type, actor] of [
        ['ACCEPT', li],
        ['ACCEPT', zhao],
        ['REFUSE', li],
        ['REVOKE', enterprise],
        ['COMPLETE', enterprise],
        ['EXPIRE', SYSTEM_ACTOR],
      ] as const) {
        await refused(id, type, actor);
      }
    });
  }

  it('should let only the named agent accept', async () => {
    const id = await createDelegation(h, { agent: li.sub, expiresAt: EXPIRES_AT });
    await refused(id, 'ACCEPT', zhao);
    await refused(id, 'ACCEPT', enterprise);
    await refused(id, 'ACCEPT', clerk('window'));
    await send(id, 'ACCEPT', li);
    expect((await loadCase(h, id)).status).to.equal('active');
    // Accepting twice is not a transition.
    await refused(id, 'ACCEPT', li);
  });

  it('should let any agent, and only an agent, accept an agreement that names none', async () => {
    const id = await createDelegation(h, { expiresAt: EXPIRES_AT });
    await refused(id, 'ACCEPT', enterprise);
    await refused(id, 'ACCEPT', clerk('window'));
    await send(id, 'ACCEPT', zhao);
    expect((await contextOf(id)).holder).to.equal(zhao.sub);
    // The one who accepted holds it; the other agent cannot take it over.
    await refused(id, 'ACCEPT', li);
  });

  it('should refuse ACCEPT once expiresAt has passed, even before the timer has fired', async () => {
    const id = await createDelegation(h, { agent: li.sub, expiresAt: EXPIRES_AT });
    h.clock.set(new Date(Date.parse(EXPIRES_AT_UTC) + 1000));
    await refused(id, 'ACCEPT', li);
    const { sweep } = await fireTimer(h, id, 'EXPIRE');
    expect(sweep.fired).to.equal(1);
    expect((await loadCase(h, id)).status).to.equal('expired');
  });

  it('should let only an agent refuse, and only while requested', async () => {
    const id = await createDelegation(h, { agent: li.sub, expiresAt: EXPIRES_AT });
    await refused(id, 'REFUSE', enterprise);
    await refused(id, 'REFUSE', clerk('window'));
    await send(id, 'ACCEPT', li);
    await refused(id, 'REFUSE', li);
  });

  it('should let only the enterprise revoke, whether requested or active', async () => {
    const requested = await createDelegation(h, { agent: li.sub, expiresAt: EXPIRES_AT });
    const active = await createDelegation(h, { agent: li.sub, expiresAt: EXPIRES_AT });
    await send(active, 'ACCEPT', li);
    for (const id of [requested, active]) {
      await refused(id, 'REVOKE', li);
      await refused(id, 'REVOKE', otherEnterprise);
      await refused(id, 'REVOKE', clerk('window'));
      await refused(id, 'REVOKE', { sub: 'admin-1', role: 'admin', org: null });
    }
    await send(requested, 'REVOKE', enterprise);
    await send(active, 'REVOKE', enterprise);
    expect((await loadCase(h, requested)).status).to.equal('revoked');
    expect((await loadCase(h, active)).status).to.equal('revoked');
  });

  it('should let only the holder or the enterprise conclude, and only once active', async () => {
    const id = await createDelegation(h, { expiresAt: EXPIRES_AT });
    // Nothing to conclude before it is signed.
    await refused(id, 'COMPLETE', enterprise);
    await refused(id, 'COMPLETE', li);
    await send(id, 'ACCEPT', li);
    await refused(id, 'COMPLETE', zhao);
    await refused(id, 'COMPLETE', otherEnterprise);
    await refused(id, 'COMPLETE', clerk('window'));
    await send(id, 'COMPLETE', li);
    expect((await loadCase(h, id)).status).to.equal('concluded');
  });
});
