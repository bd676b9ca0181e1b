import { expect } from 'chai';
import type { AnyStateNode } from 'xstate';
import { referenceCalendar } from '../../src/calendar/index.ts';
import { EventNotAllowedError } from '../../src/errors/index.ts';
import { SYSTEM_ACTOR, type Actor } from '../../src/engine/records.ts';
import { createRegistry } from '../../workflows/index.ts';
import { allStateNodes } from '../../src/engine/describe.ts';
import { fireTimer, footprint, loadCase, tasksOf } from '../support/cases.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { clerk, createHarness, ENTERPRISE, type Harness } from '../support/harness.ts';
import { restingNodeKinds, VisitedNodes } from '../support/path-coverage.ts';

/*
 * The follow-up of a bad rating (workflows/rating-follow-up.ts) through the real engine on a real database:
 * every path from the rating to a final state, the tasks of the rated department with the configured limits,
 * the contact timer, and the guards on who may send what.
 */

const machine = createRegistry(referenceCalendar()).get('rating-follow-up').machine;
const START = '2026-03-02T09:00:00+08:00';
const planning = clerk('planning');
const housing = clerk('housing');
const admin: Actor = { sub: 'admin-1', role: 'admin', org: null };
const rater: Actor = { sub: 'ent-user', role: 'applicant', org: ENTERPRISE };

/** One step of a path: the event, its sender (or the timer) and what it carries. */
interface Step {
  type: string;
  by: Actor | 'timer';
  data?: Record<string, unknown>;
  comment?: string;
}

const paths: Array<{ name: string; steps: Step[]; status: string }> = [
  {
    name: 'a justified rating: contact, rectification, answer, the rater rates',
    status: 'closed',
    steps: [
      { type: 'CONTACT', by: planning },
      { type: 'VERIFY', by: planning, data: { finding: 'justified' } },
      { type: 'RECTIFIED', by: planning, comment: 'measures' },
      { type: 'ANSWER', by: planning, comment: 'answer' },
      { type: 'RATE_FOLLOW_UP', by: rater, data: { level: 2 } },
    ],
  },
  {
    name: 'an explained rating: contact, answer, the rater rates',
    status: 'closed',
    steps: [
      { type: 'CONTACT', by: planning },
      { type: 'VERIFY', by: planning, data: { finding: 'explained' } },
      { type: 'ANSWER', by: planning, comment: 'explanation' },
      { type: 'RATE_FOLLOW_UP', by: rater, data: { level: 3 } },
    ],
  },
  {
    name: 'an answer the rater never rates: it closes unrated by itself',
    status: 'closed_unrated',
    steps: [
      { type: 'CONTACT', by: planning },
      { type: 'VERIFY', by: planning, data: { finding: 'explained' } },
      { type: 'ANSWER', by: planning, comment: 'explanation' },
      { type: 'FOLLOW_UP_UNRATED', by: 'timer' },
    ],
  },
  {
    name: 'a late contact, an appeal upheld: the rating is excluded',
    status: 'excluded',
    steps: [
      { type: 'CONTACT_OVERDUE', by: 'timer' },
      { type: 'CONTACT', by: planning },
      { type: 'VERIFY', by: planning, data: { finding: 'appealed' } },
      { type: 'EXCLUDE', by: admin, comment: 'malicious' },
    ],
  },
  {
    name: 'an appeal dismissed: the department rectifies',
    status: 'closed',
    steps: [
      { type: 'CONTACT', by: planning },
      { type: 'VERIFY', by: planning, data: { finding: 'appealed' } },
      { type: 'DISMISS_APPEAL', by: admin, comment: 'the rating stands' },
      { type: 'RECTIFIED', by: planning, comment: 'measures' },
      { type: 'ANSWER', by: planning, comment: 'answer' },
      { type: 'RATE_FOLLOW_UP', by: rater, data: { level: 1 } },
    ],
  },
];

/** Every event type some transition of the machine takes. */
function declaredEvents(): string[] {
  return [
    ...new Set(
      allStateNodes(machine.root).flatMap((node: AnyStateNode) => [...node.transitions.keys()].map(String)),
    ),
  ].sort();
}

describe('rating-follow-up paths', () => {
  it('should send, between them, every event the machine takes', () => {
    const sent = new Set(paths.flatMap((p) => p.steps.map((s) => s.type)));
    expect([...sent].sort()).to.deep.equal(declaredEvents());
  });
});

describeEachDatabase('rating-follow-up paths on the engine', (kind) => {
  let h: Harness;
  const visited = new VisitedNodes();
  before(async () => {
    h = await createHarness(kind, START);
  });
  after(async () => {
    await h?.close();
  });
  beforeEach(() => h.clock.set(START));

  const open = async () => {
    const { application } = await h.engine.create({
      workflow: 'rating-follow-up',
      applicant: ENTERPRISE,
      project: { name: 'Rated project' },
      form: {
        rating: '0b7f3a52-6d1e-4c1a-9f57-3d2b8c1e4a10',
        application: '5c7e9a10-2b3d-4e5f-8a9b-0c1d2e3f4a5b',
        department: 'planning',
        contactWorkingDays: 1,
        rectifyWorkingDays: 15,
      },
      actor: SYSTEM_ACTOR,
    });
    visited.note(h.engine.snapshotOf(application));
    return application.id;
  };

  const send = (id: string, step: Step) =>
    h.engine.send({
      applicationId: id,
      event: {
        type: step.type,
        ...(step.data ? { data: step.data } : {}),
        ...(step.comment ? { comment: step.comment } : {}),
      },
      actor: step.by as Actor,
    });

  it("should open the rated department's two tasks with the configured limits, due by the calendar", async () => {
    const id = await open();
    const tasks = await tasksOf(h, id);
    // Monday 2 March 2026: contact by the end of Tuesday 3 March, answer by the end of Monday 23 March.
    expect(tasks.map((t) => [t.department, t.action, t.limitDays, t.dueAt])).to.deep.equal([
      ['planning', 'rating-follow-up', 15, '2026-03-23T15:59:59.999Z'],
      ['planning', 'rating-contact', 1, '2026-03-03T15:59:59.999Z'],
    ]);
    await send(id, { type: 'CONTACT', by: planning });
    expect((await tasksOf(h, id)).map((t) => [t.action, t.status])).to.deep.equal([
      ['rating-follow-up', 'open'],
      ['rating-contact', 'closed'],
    ]);
  });

  it('should refuse steps by others than the rated department, the supervisor and a valid rating', async () => {
    const id = await open();
    const refused = async (step: Step) => {
      const before = await footprint(h, id);
      const error = await send(id, step).catch((e: unknown) => e);
      expect(error, step.type).to.be.instanceOf(EventNotAllowedError);
      expect(await footprint(h, id)).to.deep.equal(before);
    };
    await refused({ type: 'CONTACT', by: housing });
    await send(id, { type: 'CONTACT', by: planning });
    await refused({ type: 'VERIFY', by: housing, data: { finding: 'justified' } });
    await refused({ type: 'VERIFY', by: planning, data: { finding: 'unclear' } });
    await send(id, { type: 'VERIFY', by: planning, data: { finding: 'appealed' } });
    await refused({ type: 'EXCLUDE', by: planning });
    await send(id, { type: 'DISMISS_APPEAL', by: admin, comment: 'stands' });
    await send(id, { type: 'RECTIFIED', by: planning, comment: 'done' });
    await send(id, { type: 'ANSWER', by: planning, comment: 'answer' });
    await refused({ type: 'RATE_FOLLOW_UP', by: rater, data: { level: 9 } });
  });

  for (const path of paths) {
    it(`should follow ${path.name}`, async () => {
      const id = await open();
      for (const step of path.steps) {
        if (step.by === 'timer') await fireTimer(h, id, step.type);
        else await send(id, step);
        visited.note(h.engine.snapshotOf(await loadCase(h, id)));
      }
      const app = await loadCase(h, id);
      expect(app.status).to.equal(path.status);
      expect((await tasksOf(h, id)).every((t) => t.status === 'closed')).to.equal(true);
    });
  }

  it('should give the rater the configured calendar days after the answer, then close unrated with no level', async () => {
    const id = await open();
    await send(id, { type: 'CONTACT', by: planning });
    await send(id, { type: 'VERIFY', by: planning, data: { finding: 'explained' } });
    h.clock.set('2026-03-05T10:00:00+08:00');
    await send(id, { type: 'ANSWER', by: planning, comment: 'explanation' });
    // Answered Thursday 5 March 2026 10:00: seven calendar days later, Thursday 12 March 10:00 (RATING_FOLLOW_UP_RATE_DAYS).
    const { sweep, dueAt } = await fireTimer(h, id, 'FOLLOW_UP_UNRATED');
    expect(dueAt).to.equal('2026-03-12T02:00:00.000Z');
    expect(sweep).to.deep.equal({ fired: 1, stale: 0, failed: [] });
    const app = await loadCase(h, id);
    expect(app.status).to.equal('closed_unrated');
    expect(h.engine.snapshotOf(app).context).to.include({ followUpLevel: null, rateDays: 7 });
  });

  it('should cancel the closing when the rater rates in time', async () => {
    const id = await open();
    await send(id, { type: 'CONTACT', by: planning });
    await send(id, { type: 'VERIFY', by: planning, data: { finding: 'explained' } });
    await send(id, { type: 'ANSWER', by: planning, comment: 'explanation' });
    await send(id, { type: 'RATE_FOLLOW_UP', by: rater, data: { level: 2 } });
    expect(await h.db.knex('timers').where({ application_id: id }).select('id')).to.deep.equal([]);
    expect((await loadCase(h, id)).status).to.equal('closed');
  });

  it('should have rested in every node a follow-up can rest in', () => {
    expect(visited.unreached(restingNodeKinds(machine))).to.deep.equal([]);
  });
});
