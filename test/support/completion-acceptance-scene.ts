import { expect } from 'chai';
import { referenceCalendar } from '../../src/calendar/index.ts';
import { EventNotAllowedError } from '../../src/errors/index.ts';
import type { Actor } from '../../src/engine/records.ts';
import type { EventInput } from '../../src/engine/workflow.ts';
import type { CompletionContext } from '../../workflows/completion-acceptance.ts';
import { createRegistry } from '../../workflows/index.ts';
import { completionForm, completionProject, exampleInspections } from '../fixtures/completion-acceptance.ts';
import { dept, footprint, loadCase, send as sendAs, window } from './cases.ts';
import { applicant, ENTERPRISE, type Harness } from './harness.ts';
import { restingNodeKinds, VisitedNodes } from './path-coverage.ts';

/*
 * The scene of the completion-acceptance path tests (test/workflows/completion-acceptance.*.test.ts): the
 * event shapes the fees and inspections routes send, the helpers that drive a case through the engine on a
 * real database, and which kinds of state node each file's paths answer for.
 */

/** When every case starts: Monday 2 March 2026, 09:00 in Shanghai. */
export const START = '2026-03-02T09:00:00+08:00';
export const RECTIFIED: EventInput = { type: 'RECTIFIED' };
export const ISSUE = window('ISSUE');

/** One inspection of a case's list: which department carries it out. */
export type Item = { readonly department: string; readonly code: string };

export const schedule = ({ department, code }: Item): EventInput =>
  dept('INSPECTION_SCHEDULED', department, { data: { code } });
export const pass = ({ department, code }: Item): EventInput =>
  dept('INSPECTION_RECORDED', department, { data: { code, result: 'pass' } });
export const fail = ({ department, code }: Item): EventInput =>
  dept('INSPECTION_RECORDED', department, {
    comment: `${code}: the evacuation signs are missing`,
    data: { code, result: 'fail' },
  });
export const feeAssessed = (code: string): EventInput => window('FEE_ASSESSED', { data: { code } });
/** Paid by the enterprise: the pay route sends FEE_SETTLED without a department. */
export const feePaid: EventInput = { type: 'FEE_SETTLED', data: { outcome: 'paid' } };
/** Waived by a clerk: the waive route sends FEE_SETTLED with the clerk's department. */
export const feeWaived: EventInput = window('FEE_SETTLED', { data: { outcome: 'waived' } });

/** The example's inspection with this code. */
export const item = (code: string) => exampleInspections.find((i) => i.code === code)!;

/** The machine's region node of a department. */
export const region = (department: string) =>
  ({
    planning: 'planning',
    land: 'land',
    fire: 'fire',
    'civil-defense': 'civilDefense',
    archives: 'archives',
    meteorology: 'meteorology',
    quality: 'quality',
  })[department]!;

const REGION_NODE = /\.inspections\.(planning|land|fire|civilDefense|archives|meteorology|quality)\b/;

/** A node as coverage counts it: below the machine's id, and the seven regions (one factory) as one kind. */
const nodeKind = (id: string) =>
  id.replace(/^completion-acceptance\./, '').replace(REGION_NODE, '.inspections.<region>');

/** Every kind of node a completion-acceptance case can rest in. */
export const restingKinds = (): string[] =>
  restingNodeKinds(createRegistry(referenceCalendar()).get('completion-acceptance').machine, nodeKind);

const REGION = 'accepted.inspections.<region>';
const PLEDGE = 'accepted.inspections.deficiencies';

/** The kinds of node each path test file rests a case in, and checks at its end; between them, all of them. */
export const nodesCoveredBy = {
  paths: [
    'draft',
    'intake',
    'intake.examining',
    'intake.awaitingSupplement',
    'accepted',
    'accepted.inspections',
    REGION,
    `${REGION}.inspecting`,
    `${REGION}.inspecting.underInspection`,
    `${REGION}.passed`,
    `${REGION}.notRequired`,
    PLEDGE,
    `${PLEDGE}.none`,
    'accepted.issuing',
    'concluded',
    'refused',
    'withdrawn',
  ],
  rectification: [`${REGION}.inspecting.rectifying`],
  fees: ['accepted.issuing', 'concluded'],
  checklist: [`${REGION}.notRequired`, `${REGION}.passed`],
  pledges: [`${PLEDGE}.pledged`, `${PLEDGE}.suspended`, `${PLEDGE}.delivered`],
} as const;

/** The helpers a path test drives its cases with, on the harness `h` (opened by the block's `before`). */
export function completionScene(h: Harness) {
  /** Every kind of state node some path of the file rested in. */
  const visited = new VisitedNodes(nodeKind);

  /** Sends one event an hour after the last, as whoever sends it in real life. */
  async function send(id: string, event: EventInput, actor?: Actor) {
    h.clock.advance({ hours: 1 });
    const result = await sendAs(h, id, event, actor ?? (event.type === 'RECTIFIED' ? applicant : undefined));
    visited.note(result.snapshot);
    return result;
  }

  async function sendAll(id: string, events: EventInput[]) {
    for (const event of events) await send(id, event);
  }

  /** The refusal the engine gives, with proof that nothing was written. */
  async function refused(id: string, event: EventInput, actor?: Actor): Promise<EventNotAllowedError> {
    const before = await footprint(h, id);
    const error = await sendAs(h, id, event, actor).catch((e: unknown) => e);
    expect(error, event.type).to.be.instanceOf(EventNotAllowedError);
    expect(await footprint(h, id)).to.deep.equal(before);
    return error as EventNotAllowedError;
  }

  /** A draft of the example project with `form`, created at {@link START}. */
  async function createCase(form: Record<string, unknown> = completionForm): Promise<string> {
    h.clock.set(START);
    const { application, snapshot } = await h.engine.create({
      workflow: 'completion-acceptance',
      applicant: ENTERPRISE,
      project: structuredClone(completionProject),
      form: structuredClone(form),
      actor: applicant,
    });
    visited.note(snapshot);
    return application.id;
  }

  async function contextOf(id: string): Promise<CompletionContext> {
    return h.engine.snapshotOf(await loadCase(h, id)).context as CompletionContext;
  }

  /** Schedules and passes every inspection of the list. */
  async function passAll(id: string, items: readonly Item[]) {
    for (const i of items) await sendAll(id, [schedule(i), pass(i)]);
  }

  return { visited, send, sendAll, refused, createCase, contextOf, passAll };
}
