import { spawn } from 'node:child_process';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import jwt from 'jsonwebtoken';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.ts';
import { FixedClock } from '../../src/engine/clock.ts';
import type { FileBlobStore } from '../../src/materials/index.ts';
import { buildService, type Service } from '../../src/service.ts';
import { minimalPermitForm, permitProject } from '../fixtures/construction-permit.ts';
import { ENTERPRISE, OTHER_ENTERPRISE } from '../support/harness.ts';
import { people, sendOk, startTestService, type TestService } from '../support/http.ts';

/** Runs `npm run backup -- FILE` as the operator would (through tsx), with DATABASE_URL. */
function runBackup(
  databaseUrl: string,
  file: string,
  env: Record<string, string> = {},
): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/backup.ts', file], {
    env: { ...process.env, DATABASE_URL: databaseUrl, ...env },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, out, err })));
}

describe('cli/backup (sqlite)', function () {
  this.timeout(120_000);
  let svc: TestService;
  let dir: string;
  let restored: Service | undefined;
  let server: Server | undefined;

  beforeEach(async () => {
    svc = await startTestService('sqlite');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zerotrip-backup-'));
  });
  afterEach(async () => {
    server?.close();
    server = undefined;
    await restored?.close();
    restored = undefined;
    await svc?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const filename = () => (svc.service.db.knex.client.config.connection as { filename: string }).filename;

  it('should copy the database while events are written, and the copy should serve with every chain intact', async () => {
    const who = people(svc, ENTERPRISE, OTHER_ENTERPRISE);
    const body = { workflow: 'construction-permit', project: permitProject, form: minimalPermitForm };
    const submitted = async () => {
      const created = await svc.request('POST', '/api/v1/applications', { token: who.applicant, body });
      expect(created.status).to.equal(201);
      await sendOk(svc, who.applicant, created.body.id, { type: 'SUBMIT' });
      return created.body.id as string;
    };
    for (let i = 0; i < 5; i++) await submitted();

    // The service keeps writing cases and events for as long as the backup runs.
    let backingUp = true;
    let written = 0;
    const writer = (async () => {
      while (backingUp) {
        await submitted();
        written++;
      }
    })();
    const target = path.join(dir, 'copy.db');
    // The service keeps its material files under its data folder (…/materials/tmp is the uploads' staging).
    const dataDir = path.dirname(path.dirname((svc.service.blobs as FileBlobStore).tempDir));
    const backup = await runBackup(`sqlite:${filename()}`, target, { DATA_DIR: dataDir });
    backingUp = false;
    await writer;
    expect(backup.code, backup.err).to.equal(0);
    expect(backup.out).to.match(/^backed up .* to .*copy\.db/);
    expect(backup.out).to.match(/copied [1-9]\d* material files .* 0 were there already/);
    expect(written, 'events written during the backup').to.be.greaterThan(0);

    // Restore: the copy opened as a service database (migrations current, nothing to seed).
    const secret = 'y'.repeat(40);
    restored = await buildService(loadConfig({ JWT_SECRET: secret, DATABASE_URL: `sqlite:${target}` }), {
      clock: new FixedClock('2026-03-02T09:00:00+08:00'),
      logger: pino({ level: 'silent' }),
    });
    expect(restored.seeded.departments).to.equal(0);
    server = await new Promise<Server>((resolve) => {
      const listening = restored!.app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const auditor = jwt.sign({ sub: 'auditor-1', role: 'auditor' }, secret, { expiresIn: 600 });
    const ids = (await restored.db.knex('applications').select('id')).map((r: { id: string }) => r.id);
    let materialsChecked = 0;
    expect(ids.length).to.be.at.least(5);
    for (const id of ids) {
      const verified = await fetch(`${base}/api/v1/applications/${id}/verify`, {
        headers: { authorization: `Bearer ${auditor}` },
      });
      expect(verified.status).to.equal(200);
      // A case the snapshot caught between its creation and its submission has fewer records: still whole.
      const result = (await verified.json()) as {
        ok: boolean;
        checked: number;
        materials: { checked: number; mismatched: unknown[] };
      };
      expect(result.ok, id).to.equal(true);
      expect(result.checked).to.be.at.least(1);
      // Every paper the copy references is in the copy's materials folder, whole.
      expect(result.materials.mismatched, id).to.deep.equal([]);
      materialsChecked += result.materials.checked;
    }
    expect(materialsChecked).to.be.above(0);
  });

  it('should copy only the material files a backup folder lacks', async () => {
    const who = people(svc, ENTERPRISE, OTHER_ENTERPRISE);
    const body = { workflow: 'construction-permit', project: permitProject, form: minimalPermitForm };
    const created = await svc.request('POST', '/api/v1/applications', { token: who.applicant, body });
    await sendOk(svc, who.applicant, created.body.id, { type: 'SUBMIT' });
    const dataDir = path.dirname(path.dirname((svc.service.blobs as FileBlobStore).tempDir));
    const first = await runBackup(`sqlite:${filename()}`, path.join(dir, 'monday.db'), { DATA_DIR: dataDir });
    expect(first.code, first.err).to.equal(0);
    const copied = Number(/copied (\d+) material files/.exec(first.out)![1]);
    expect(copied).to.be.above(0);
    const second = await runBackup(`sqlite:${filename()}`, path.join(dir, 'tuesday.db'), {
      DATA_DIR: dataDir,
    });
    expect(second.code, second.err).to.equal(0);
    expect(second.out).to.include(`copied 0 material files (0 bytes)`);
    expect(second.out).to.include(`${copied} were there already`);
  });

  it('should refuse a PostgreSQL DATABASE_URL and point to pg_dump, and never overwrite a file', async () => {
    const pg = await runBackup('postgres://postgres@127.0.0.1:5432/zerotrip', path.join(dir, 'x.db'));
    expect(pg.code).to.equal(1);
    expect(pg.err.trim()).to.match(/^backup refused: .*pg_dump/);
    expect(fs.existsSync(path.join(dir, 'x.db'))).to.equal(false);

    const existing = path.join(dir, 'kept.db');
    fs.writeFileSync(existing, 'precious');
    const refused = await runBackup(`sqlite:${filename()}`, existing);
    expect(refused.code).to.equal(1);
    expect(refused.err).to.match(/already exists/);
    expect(fs.readFileSync(existing, 'utf8')).to.equal('precious');

    const missing = await runBackup(`sqlite:${path.join(dir, 'nothing.db')}`, path.join(dir, 'y.db'));
    expect(missing.code).to.equal(1);
    expect(missing.err).to.match(/no SQLite database/);
  });
});
