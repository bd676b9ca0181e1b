/**
 * The peer engine bpmn-engine (npm) running the same five-way parallel approval as a BPMN process: start →
 * parallel gateway → five user tasks (planning, housing, fire, civil defence, environment) → joining gateway →
 * the window's issue task → end. Each step is signalled separately and the engine's state (`getState()`,
 * JSON) is saved to a SQLite table (better-sqlite3, WAL, synchronous=NORMAL as ZeroTrip) after each step.
 * Modes: `saved` keeps each process's engine in memory between steps (the figure of the comparison);
 * `recover` treats each step as a separate request that loads the saved state, `recover()`s and `resume()`s
 * the engine before it signals. Several approvals run at once; completed approvals per second over a fixed
 * time after a warm-up.
 * Run: node --import tsx bench/approvals-bpmn.ts [saved|recover] [seconds=10] [warm-up seconds=2] [concurrency=8]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Engine } from 'bpmn-engine';
import { report } from './lib/child.ts';
import { timeBoxed } from './lib/permit.ts';

const mode = process.argv[2] ?? 'saved';
const seconds = Number(process.argv[3] ?? 10);
const warmupSeconds = Number(process.argv[4] ?? 2);
const concurrency = Number(process.argv[5] ?? 8);
if (mode !== 'saved' && mode !== 'recover') throw new Error(`mode must be saved or recover, got ${mode}`);

const REVIEWS = ['planning', 'housing', 'fire', 'civilDefense', 'environment'];

/** The construction permit's parallel review as BPMN 2.0. */
const source = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="permitDefinitions"
    targetNamespace="http://zerotrip.example/bench">
  <process id="constructionPermit" isExecutable="true">
    <startEvent id="start" />
    <sequenceFlow id="toFork" sourceRef="start" targetRef="fork" />
    <parallelGateway id="fork" />
${REVIEWS.map(
  (r) => `    <sequenceFlow id="to-${r}" sourceRef="fork" targetRef="${r}" />
    <userTask id="${r}" name="${r} review" />
    <sequenceFlow id="from-${r}" sourceRef="${r}" targetRef="join" />`,
).join('\n')}
    <parallelGateway id="join" />
    <sequenceFlow id="toIssue" sourceRef="join" targetRef="issue" />
    <userTask id="issue" name="window issues the permit" />
    <sequenceFlow id="toEnd" sourceRef="issue" targetRef="end" />
    <endEvent id="end" />
  </process>
</definitions>`;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zerotrip-bench-bpmn-'));
const db = new Database(path.join(dir, 'bpmn.db'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec(
  'create table bpmn_states (id text primary key, state text not null, step integer not null, updated_at text not null)',
);
const upsert = db.prepare(
  `insert into bpmn_states (id, state, step, updated_at) values (?, ?, ?, ?)
   on conflict (id) do update set state = excluded.state, step = excluded.step, updated_at = excluded.updated_at`,
);
const select = db.prepare<[string], { state: string }>('select state from bpmn_states where id = ?');

async function save(id: string, engine: Engine, step: number): Promise<void> {
  upsert.run(id, JSON.stringify(await engine.getState()), step, new Date().toISOString());
}

let sequence = 0;

/** One approval, its engine kept in memory between steps. */
async function savedApproval(): Promise<void> {
  const id = `permit-${sequence++}`;
  const engine = new Engine({ name: id, source });
  const execution = await engine.execute();
  await save(id, engine, 0);
  for (const [i, review] of REVIEWS.entries()) {
    execution.signal({ id: review });
    await save(id, engine, i + 1);
  }
  const ended = engine.waitFor('end');
  execution.signal({ id: 'issue' });
  await ended;
  await save(id, engine, REVIEWS.length + 1);
}

/** One approval, each step recovering the engine from the saved state. */
async function recoveredApproval(): Promise<void> {
  const id = `permit-${sequence++}`;
  const first = new Engine({ name: id, source });
  await first.execute();
  await save(id, first, 0);
  const steps = [...REVIEWS, 'issue'];
  for (const [i, activity] of steps.entries()) {
    const row = select.get(id);
    if (!row) throw new Error(`no saved state for ${id}`);
    const engine = new Engine({ name: id }).recover(JSON.parse(row.state));
    const ended = activity === 'issue' ? engine.waitFor('end') : undefined;
    const execution = await engine.resume();
    execution.signal({ id: activity });
    await ended;
    await save(id, engine, i + 1);
  }
}

await report(async () => {
  const rate = await timeBoxed(
    concurrency,
    warmupSeconds,
    seconds,
    mode === 'saved' ? savedApproval : recoveredApproval,
  );
  const states = (
    db.prepare('select count(*) as n from bpmn_states where step = ?').get(REVIEWS.length + 1) as {
      n: number;
    }
  ).n;
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { mode, ...rate, concurrency, completedStates: states };
});
