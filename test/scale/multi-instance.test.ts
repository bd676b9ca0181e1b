import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import jwt from 'jsonwebtoken';
import { minimalPermitForm, permitProject } from '../fixtures/construction-permit.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { ENTERPRISE } from '../support/harness.ts';
import { handInRequired } from '../support/materials.ts';

/**
 * Two real service processes on one PostgreSQL database, requests spread across them (docs/architecture.md, "Scale-out
 * on PostgreSQL"): no lost update, every timer fired exactly once, Idempotency-Key honoured across
 * instances, and the same metrics from either. Real clocks here: the timers are set a second ahead.
 */

const secret = randomBytes(32).toString('hex');
const token = (claims: Record<string, unknown>) =>
  jwt.sign(claims, secret, { algorithm: 'HS256', expiresIn: 3600 });
const enterprise = token({ sub: 'ent-user', role: 'applicant', org: ENTERPRISE });
const clerk = (org: string) => token({ sub: `clerk-${org}`, role: 'clerk', org });
const auditor = token({ sub: 'auditor-1', role: 'auditor' });

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

interface Instance {
  base: string;
  process: ChildProcess;
}

async function startInstance(url: string): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      JWT_SECRET: secret,
      // A data folder of its own, as on another machine: on PostgreSQL the material files are in the database.
      DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'zt-instance-')),
      PORT: String(port),
      LOG_LEVEL: 'warn',
      SCHEDULER_INTERVAL_MS: '50',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  // Up to 90 s: two instances starting tsx at once take a while on a busy 2-core machine.
  for (let i = 0; i < 900; i++) {
    try {
      if ((await fetch(`${base}/readyz`)).status === 200) return { base, process: child };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`instance on ${port} did not become ready`);
}

async function call(
  base: string,
  method: string,
  path: string,
  bearer: string,
  body?: unknown,
  headers = {},
) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

// PostgreSQL only: databaseKinds() says so loudly when it is left out (ZEROTRIP_SKIP_PG=1, never in CI).
(databaseKinds().includes('pg') ? describe : describe.skip)('scale/multi-instance (pg)', function () {
  this.timeout(120_000);
  let database: TestDatabase;
  let a: Instance;
  let b: Instance;

  before(async () => {
    database = await openTestDatabase('pg');
    // Both start at once on the empty database: one migrates and seeds while the other waits its turn.
    [a, b] = await Promise.all([startInstance(database.url), startInstance(database.url)]);
  });
  after(async () => {
    for (const instance of [a, b]) instance?.process.kill('SIGTERM');
    await Promise.all(
      [a, b].map((i) => (i ? new Promise((resolve) => i.process.once('exit', resolve)) : undefined)),
    );
    await database?.close();
  });

  async function reviewingCase(instance: Instance): Promise<string> {
    const created = await call(instance.base, 'POST', '/api/v1/applications', enterprise, {
      workflow: 'construction-permit',
      project: permitProject,
      form: {
        ...minimalPermitForm,
        specialFireWorks: true,
        undergroundAreaM2: 100,
        environmentalCategory: 'report-table',
      },
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const id = created.body.id as string;
    // The papers the catalog requires for this form, handed in through the same instance.
    await handInRequired(
      {
        baseUrl: instance.base,
        request: async (method, path, options = {}) => ({
          ...(await call(instance.base, method, path, options.token!, options.body)),
          headers: new Headers(),
        }),
      },
      enterprise,
      id,
    );
    expect(
      (await call(instance.base, 'POST', `/api/v1/applications/${id}/events`, enterprise, { type: 'SUBMIT' }))
        .status,
    ).to.equal(200);
    expect(
      (
        await call(instance.base, 'POST', `/api/v1/applications/${id}/events`, clerk('window'), {
          type: 'ACCEPT',
        })
      ).status,
    ).to.equal(200);
    return id;
  }

  it('should land every concurrent approval sent to either instance, with no lost update', async () => {
    const ids = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => reviewingCase(i % 2 ? b : a)));
    const departments = ['planning', 'housing', 'fire', 'civil-defense', 'environment'];
    const answers = await Promise.all(
      ids.flatMap((id, i) =>
        departments.map((d, j) =>
          call(
            (i + j) % 2 ? b.base : a.base,
            'POST',
            `/api/v1/applications/${id}/events`,
            clerk(d),
            { type: 'APPROVE' },
            { prefer: 'return=minimal' },
          ),
        ),
      ),
    );
    expect(answers.map((r) => r.status)).to.deep.equal(answers.map(() => 200));
    for (const id of ids) {
      const detail = await call(a.base, 'GET', `/api/v1/applications/${id}`, auditor);
      expect(detail.body.state).to.deep.equal({ accepted: 'issuing' });
      // CREATE, the papers this form requires, SUBMIT, ACCEPT, five approvals: no record lost or doubled.
      const history = await call(b.base, 'GET', `/api/v1/applications/${id}/history`, auditor);
      const papers = history.body.items.filter((r: { type: string }) => r.type === 'MATERIAL_ADDED').length;
      expect(papers).to.be.greaterThan(0);
      expect(detail.body.version).to.equal(8 + papers);
      expect(history.body.items.map((r: { seq: number }) => r.seq)).to.deep.equal(
        Array.from({ length: 8 + papers }, (_, i) => i + 1),
      );
      expect((await call(b.base, 'GET', `/api/v1/applications/${id}/verify`, auditor)).body.ok).to.equal(
        true,
      );
    }
  });

  it('should fire every timer exactly once while both instances sweep', async () => {
    const expiresAt = new Date(Date.now() + 1500).toISOString();
    const created = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        call(i % 2 ? b.base : a.base, 'POST', '/api/v1/delegations', enterprise, { expiresAt }),
      ),
    );
    const ids = created.map((r) => {
      expect(r.status, JSON.stringify(r.body)).to.equal(201);
      return r.body.id as string;
    });
    const deadline = Date.now() + 20_000;
    for (const id of ids) {
      for (;;) {
        const seen = await call(a.base, 'GET', `/api/v1/delegations/${id}`, enterprise);
        if (seen.body.status === 'expired') {
          const expiries = seen.body.history.filter((r: { type: string }) => r.type === 'EXPIRE');
          expect(expiries, id).to.have.length(1);
          break;
        }
        if (Date.now() > deadline) throw new Error(`delegation ${id} did not expire`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    const timers = await database.db.knex('timers').whereIn('application_id', ids).count({ n: '*' }).first();
    expect(Number(timers?.n)).to.equal(0);
  });

  it('should honour one Idempotency-Key across instances: one case, the same answer from both', async () => {
    const key = randomUUID();
    const body = { workflow: 'construction-permit', project: { name: 'Idempotent plant' }, form: {} };
    const first = await Promise.all(
      [a, b].map((i) =>
        call(i.base, 'POST', '/api/v1/applications', enterprise, body, { 'idempotency-key': key }),
      ),
    );
    const created = first.filter((r) => r.status === 201);
    expect(created.length, JSON.stringify(first.map((r) => r.status))).to.be.at.least(1);
    // A request that arrived while the first was running is told so (409), never served twice.
    for (const r of first.filter((r) => r.status !== 201)) expect(r.status).to.equal(409);
    const id = created[0].body.id;
    for (const instance of [a, b]) {
      const again = await call(instance.base, 'POST', '/api/v1/applications', enterprise, body, {
        'idempotency-key': key,
      });
      expect(again.status).to.equal(201);
      expect(again.body.id).to.equal(id);
    }
    const rows = await database.db
      .knex('applications')
      .whereRaw("project->>'name' = ?", ['Idempotent plant']);
    expect(rows).to.have.length(1);
  });

  it('should report the same metrics from either instance', async () => {
    const backlog = await Promise.all(
      [a, b].map((i) => call(i.base, 'GET', '/api/v1/metrics/backlog', auditor)),
    );
    expect(backlog[0].status).to.equal(200);
    const counts = (r: { body: { items: Array<{ department: string; open: number; overdue: number }> } }) =>
      r.body.items.map(({ department, open, overdue }) => ({ department, open, overdue }));
    expect(counts(backlog[0])).to.deep.equal(counts(backlog[1]));
    const scrape = async (i: Instance) =>
      (await (await fetch(`${i.base}/metrics`)).text())
        .split('\n')
        .filter((line) => line.startsWith('zerotrip_tasks_open') || line.startsWith('zerotrip_cases_open'))
        .sort();
    expect(await scrape(a)).to.deep.equal(await scrape(b));
  });
});
