import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import { pdfBytes, upload, type ServiceAt } from '../support/materials.ts';
import { startReceiver } from '../support/webhook-receiver.ts';

/**
 * The server as operators run it, in a child process: what it says and how it exits when it cannot start,
 * and a clean stop on SIGTERM (what `docker stop` sends), also through `npm start`.
 */

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

describe('server process', function () {
  this.timeout(90_000);
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zerotrip-server-'));
    env = {
      ...process.env,
      DATABASE_URL: `sqlite:${path.join(dir, 'zerotrip.db')}`,
      JWT_SECRET: 'x'.repeat(40),
      LOG_LEVEL: 'info',
    };
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Runs a command in a process group of its own; `whenListening` runs once the server says it listens.
   * Resolves when the command exits, and checks that nothing of its process tree is left behind.
   */
  function run(
    command: string,
    args: string[],
    extraEnv: NodeJS.ProcessEnv,
    whenListening?: (pid: number) => void,
  ): Promise<Exit> {
    const child = spawn(command, args, { env: { ...env, ...extraEnv }, detached: true });
    let stdout = '';
    let stderr = '';
    let signalled = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!signalled && whenListening && stdout.includes('ZeroTrip listening')) {
        signalled = true;
        whenListening(child.pid!);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const killer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 60_000);
    return new Promise((resolve) =>
      child.once('close', (code, signal) => {
        clearTimeout(killer);
        resolve({ code, signal, stdout, stderr });
      }),
    ).then(async (exit) => {
      // The group empties: no server left running behind a parent that exited (tsx's esbuild helper may take
      // a moment to notice its parent is gone).
      const alive = () => {
        try {
          process.kill(-child.pid!, 0);
          return true;
        } catch {
          return false;
        }
      };
      for (let i = 0; i < 40 && alive(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
      const left = alive();
      if (left) process.kill(-child.pid!, 'SIGKILL');
      expect(left, 'processes left behind').to.equal(false);
      return exit as Exit;
    });
  }

  const serverArgs = ['--import', 'tsx', 'src/server.ts'];

  it('should exit 1 with one line naming the port when the port is taken', async () => {
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, resolve));
    const { port } = busy.address() as net.AddressInfo;
    try {
      const exit = await run(process.execPath, serverArgs, { PORT: String(port) });
      expect(exit.code).to.equal(1);
      const lines = exit.stderr.trim().split('\n');
      expect(lines, exit.stderr).to.have.length(1);
      expect(lines[0]).to.include(`port ${port}`).and.include('already in use');
      expect(exit.stderr).not.to.match(/TypeError|\n\s+at /);
    } finally {
      busy.close();
    }
  });

  it('should exit 1 with one clear line when PostgreSQL cannot be reached at start', async () => {
    const closed = await freePort();
    const exit = await run(process.execPath, serverArgs, {
      PORT: '0',
      DATABASE_URL: `postgres://postgres:secret@127.0.0.1:${closed}/zerotrip`,
    });
    expect(exit.code).to.equal(1);
    const lines = exit.stderr.trim().split('\n');
    expect(lines, exit.stderr).to.have.length(1);
    expect(lines[0]).to.match(/database is not available.*ECONNREFUSED.*DATABASE_URL/);
    expect(exit.stderr).not.to.include('secret');
  });

  it('should stop cleanly with exit 0 on SIGTERM', async () => {
    const port = await freePort();
    const exit = await run(process.execPath, serverArgs, { PORT: String(port) }, (pid) =>
      process.kill(pid, 'SIGTERM'),
    );
    expect([exit.code, exit.signal], exit.stderr).to.deep.equal([0, null]);
    expect(exit.stdout).to.match(/"msg":"stopped"/);
  });

  it('should stop the whole process tree with exit 0 on SIGTERM to npm start', async () => {
    const port = await freePort();
    // SIGTERM goes to npm alone, as `docker stop` sends it to the container's first process.
    const exit = await run('npm', ['start'], { PORT: String(port) }, (pid) => process.kill(pid, 'SIGTERM'));
    expect([exit.code, exit.signal], exit.stderr).to.deep.equal([0, null]);
    expect(exit.stdout).to.match(/"msg":"stopped"/);
  });

  it('should send each message to NOTIFY_WEBHOOK_URL from its scheduler, signed', async () => {
    const port = await freePort();
    const receiver = await startReceiver(() => 200);
    const secret = 'the-gateway-shares-this-secret';
    const base = `http://127.0.0.1:${port}/api/v1`;
    const token = (claims: object) => jwt.sign(claims, env.JWT_SECRET!, { expiresIn: 600 });
    const call = async (path: string, who: object, body: object) => {
      const response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token(who)}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status, await response.clone().text()).to.be.oneOf([200, 201]);
      return (await response.json()) as { id: string };
    };
    const enterprise = { sub: 'ent-user', role: 'applicant', org: '91310115591693856A' };
    // The papers the form requires, as the enterprise hands them in before it submits.
    const handIn = async (id: string) => {
      const who = token(enterprise);
      const view = (await (
        await fetch(`${base}/applications/${id}`, { headers: { authorization: `Bearer ${who}` } })
      ).json()) as { requiredMaterials: Array<{ code: string; status: string }> };
      const server = { baseUrl: `http://127.0.0.1:${port}` } as ServiceAt;
      for (const item of view.requiredMaterials.filter((m) => m.status === 'missing')) {
        expect((await upload(server, who, id, item.code, pdfBytes())).status).to.equal(201);
      }
    };
    try {
      let flow: Promise<unknown> = Promise.resolve();
      const exit = await run(
        process.execPath,
        serverArgs,
        {
          PORT: String(port),
          NOTIFY_WEBHOOK_URL: receiver.url,
          NOTIFY_WEBHOOK_SECRET: secret,
          SCHEDULER_INTERVAL_MS: '50',
        },
        (pid) => {
          flow = (async () => {
            const { id } = await call('/applications', enterprise, constructionPermitApplication());
            await handIn(id);
            await call(`/applications/${id}/events`, enterprise, { type: 'SUBMIT' });
            await call(
              `/applications/${id}/events`,
              { sub: 'clerk-w', role: 'clerk', org: 'window' },
              {
                type: 'ACCEPT',
              },
            );
            await receiver.received(1);
          })().finally(() => process.kill(pid, 'SIGTERM'));
        },
      );
      await flow;
      expect([exit.code, exit.signal], exit.stderr).to.deep.equal([0, null]);
      const [request] = receiver.requests;
      expect(JSON.parse(request!.body.toString('utf8'))).to.include({ code: 'accepted' });
      const hmac = createHmac('sha256', secret).update(request!.body).digest('hex');
      expect(request!.headers['x-zerotrip-signature']).to.equal(`sha256=${hmac}`);
    } finally {
      await receiver.close();
    }
  });
});
