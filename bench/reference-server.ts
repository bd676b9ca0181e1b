/**
 * REFERENCE HANDLER — the bare stack of issue 6, for comparison only; the service never uses this file.
 *
 * The naive transition handler on ZeroTrip's own stack: Express 5, the JWT verified with jsonwebtoken given a
 * KeyObject (`createSecretKey`), the snapshot row read with a prepared better-sqlite3 statement, restored with
 * `createActor(machine, { snapshot }).getSnapshot()`, XState `transition` of the same construction-permit
 * machine (from the project's registry), then snapshot + one audit row + one task row written in one
 * better-sqlite3 transaction, answering `{ id, status, version }`. No hash chain, no task diff, no timers, no
 * outbox, no idempotency, no conflict handling (one synchronous handler cannot interleave).
 *
 * Same route as ZeroTrip (`POST /api/v1/applications/:id/events`) so the same load generator drives both.
 * Cases are set up directly in its database over IPC (`setup`). bench/run.ts starts it; by hand:
 *   JWT_SECRET=s PORT=3001 node --import tsx bench/reference-server.ts
 */
import { createSecretKey } from 'node:crypto';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import express from 'express';
import jwt from 'jsonwebtoken';
import { createActor, initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { referenceCalendar } from '../src/calendar/index.ts';
import { createRegistry } from '../workflows/index.ts';
import { memory, serve } from './lib/child.ts';
import { ENTERPRISE, ISSUING_STATE, permitForm, permitProject } from './lib/permit.ts';

const secret = process.env.JWT_SECRET;
if (!secret) throw new Error('JWT_SECRET is required');
const key = createSecretKey(Buffer.from(secret, 'utf8'));
const machine = createRegistry(referenceCalendar()).get('construction-permit').machine;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zerotrip-bench-reference-'));
const db = new Database(path.join(dir, 'reference.db'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec(`
  create table cases (id text primary key, snapshot text not null, status text not null, version integer not null);
  create table audit (id integer primary key, case_id text not null, seq integer not null, at text not null,
    type text not null, actor text not null, from_state text, to_state text not null, unique (case_id, seq));
  create table tasks (id integer primary key, case_id text not null, department text not null,
    event text not null, at text not null);
`);
const readCase = db.prepare<[string], { snapshot: string; version: number }>(
  'select snapshot, version from cases where id = ?',
);
const updateCase = db.prepare('update cases set snapshot = ?, status = ?, version = ? where id = ?');
const insertAudit = db.prepare(
  'insert into audit (case_id, seq, at, type, actor, from_state, to_state) values (?, ?, ?, ?, ?, ?, ?)',
);
const insertTask = db.prepare('insert into tasks (case_id, department, event, at) values (?, ?, ?, ?)');
const write = db.transaction(
  (id: string, before: AnyMachineSnapshot, after: AnyMachineSnapshot, version: number, event: Event) => {
    updateCase.run(JSON.stringify(machine.getPersistedSnapshot(after)), statusOf(after), version, id);
    insertAudit.run(
      id,
      version,
      event.at,
      event.type,
      event.actor,
      JSON.stringify(before.value),
      JSON.stringify(after.value),
    );
    insertTask.run(id, event.department ?? '', event.type, event.at);
  },
);

interface Event {
  type: string;
  department?: string;
  at: string;
  actor: string;
  form?: unknown;
}

/** Naive status: the final node's meta, else the first `status:` tag. */
function statusOf(snapshot: AnyMachineSnapshot): string {
  if (snapshot.status === 'done') return 'concluded';
  for (const tag of snapshot.tags as Set<string>) if (tag.startsWith('status:')) return tag.slice(7);
  return 'in_review';
}

const app = express();
app.post('/api/v1/applications/:id/events', express.json(), (req, res) => {
  const header = req.get('authorization') ?? '';
  let claims: jwt.JwtPayload;
  try {
    claims = jwt.verify(header.replace(/^Bearer /, ''), key, { algorithms: ['HS256'] }) as jwt.JwtPayload;
  } catch {
    res.status(401).json({ type: 'unauthorized' });
    return;
  }
  const id = req.params.id;
  const row = readCase.get(id);
  if (!row) {
    res.status(404).json({ type: 'not-found' });
    return;
  }
  const before = createActor(machine, {
    snapshot: JSON.parse(row.snapshot),
  }).getSnapshot() as AnyMachineSnapshot;
  const event: Event = {
    type: String(req.body?.type),
    department: claims.role === 'clerk' ? claims.org : undefined,
    at: new Date().toISOString(),
    actor: String(claims.sub),
  };
  const [after] = transition(machine, before, event as never);
  if (after === before) {
    res.status(409).json({ type: 'event-not-allowed' });
    return;
  }
  const version = row.version + 1;
  write(id, before, after, version, event);
  res.json({ id, status: statusOf(after), version });
});

/** Files `cases` cases straight into the database, submitted and accepted (version 3, as ZeroTrip counts). */
function setup(message: Record<string, unknown>): string[] {
  const count = message.cases as number;
  const prefix = `ref-${process.hrtime.bigint().toString(36)}`;
  const insert = db.prepare('insert into cases (id, snapshot, status, version) values (?, ?, ?, 3)');
  const ids: string[] = [];
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const at = new Date().toISOString();
      const [created] = initialTransition(machine, {
        at,
        applicant: ENTERPRISE,
        project: permitProject,
        form: permitForm,
      });
      const [submitted] = transition(machine, created, { type: 'SUBMIT', at, form: permitForm } as never);
      const [accepted] = transition(machine, submitted, {
        type: 'ACCEPT',
        department: 'window',
        at,
      } as never);
      const id = `${prefix}-${i}`;
      insert.run(id, JSON.stringify(machine.getPersistedSnapshot(accepted)), statusOf(accepted));
      ids.push(id);
    }
  })();
  return ids;
}

/** How many of `ids` wait in the issuing state. */
function check(message: Record<string, unknown>) {
  const ids = message.ids as string[];
  let issuing = 0;
  const others: string[] = [];
  for (const id of ids) {
    const row = readCase.get(id);
    const value = row ? JSON.stringify((JSON.parse(row.snapshot) as { value: unknown }).value) : 'missing';
    if (value === ISSUING_STATE) issuing++;
    else if (others.length < 5) others.push(`${id}: ${value}`);
  }
  return { cases: ids.length, issuing, others };
}

const server: Server = await new Promise((resolve, reject) => {
  const listening = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', (error?: Error) =>
    error ? reject(error) : resolve(listening),
  );
});
const { port } = server.address() as AddressInfo;
if (!process.send) console.log(`reference handler listening on http://127.0.0.1:${port}`);

serve({ port, pid: process.pid }, { setup, check, memory: () => memory() }, async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
