import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import jwt from 'jsonwebtoken';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/index.ts';
import { FixedClock } from '../../src/engine/clock.ts';
import { buildService, type Service } from '../../src/service.ts';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { ENTERPRISE } from '../support/harness.ts';
import { pdfBytes } from '../support/materials.ts';

/**
 * Two service instances on one PostgreSQL database, each with a data folder of its own (as on two machines):
 * a file uploaded through one is served by the other, because on PostgreSQL the files live in the database.
 */
(databaseKinds().includes('pg') ? describe : describe.skip)('materials/two-instances (pg)', () => {
  const secret = randomBytes(32).toString('hex');
  const applicant = jwt.sign({ sub: 'ent-user', role: 'applicant', org: ENTERPRISE }, secret, {
    expiresIn: 3600,
  });
  const planning = jwt.sign({ sub: 'clerk-planning', role: 'clerk', org: 'planning' }, secret, {
    expiresIn: 3600,
  });
  let database: TestDatabase;
  const instances: Array<{ base: string; service: Service; server: Server; dataDir: string }> = [];

  before(async () => {
    database = await openTestDatabase('pg');
    for (let i = 0; i < 2; i++) {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `zt-instance-${i}-`));
      const config = loadConfig({ DATABASE_URL: database.url, JWT_SECRET: secret, DATA_DIR: dataDir });
      const service = await buildService(config, {
        clock: new FixedClock('2026-03-02T09:00:00+08:00'),
        db: i === 0 ? database.db : openDatabase({ client: 'pg', connection: database.url }),
        logger: pino({ level: 'silent' }),
      });
      const server: Server = await new Promise((resolve) => {
        const s = service.app.listen(0, '127.0.0.1', () => resolve(s));
      });
      const { port } = server.address() as AddressInfo;
      instances.push({ base: `http://127.0.0.1:${port}`, service, server, dataDir });
    }
  });
  after(async () => {
    for (const { server, service, dataDir } of instances) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (service.db !== database.db) await service.db.knex.destroy();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    await database?.close();
  });

  it('should serve through one instance the file uploaded through the other', async () => {
    const [a, b] = instances as [(typeof instances)[0], (typeof instances)[0]];
    const created = await fetch(`${a.base}/api/v1/applications`, {
      method: 'POST',
      headers: { authorization: `Bearer ${applicant}`, 'content-type': 'application/json' },
      body: JSON.stringify(constructionPermitApplication()),
    });
    const { id } = (await created.json()) as { id: string };
    const bytes = pdfBytes('served by both');
    const form = new FormData();
    form.append('code', 'construction-drawings');
    form.append('file', new Blob([bytes]), 'drawings.pdf');
    const uploaded = await fetch(`${a.base}/api/v1/applications/${id}/materials`, {
      method: 'POST',
      headers: { authorization: `Bearer ${applicant}` },
      body: form,
    });
    expect(uploaded.status).to.equal(201);
    const material = (await uploaded.json()) as { id: string; sha256: string };

    const served = await fetch(`${b.base}/api/v1/applications/${id}/materials/${material.id}/content`, {
      headers: { authorization: `Bearer ${applicant}` },
    });
    expect(served.status).to.equal(200);
    expect(Buffer.from(await served.arrayBuffer())).to.deep.equal(Buffer.from(bytes));
    expect(served.headers.get('etag')).to.equal(`"${material.sha256}"`);
    // Neither data folder holds the file: it is in the database.
    for (const { dataDir } of instances) {
      const files = fs.readdirSync(path.join(dataDir, 'materials'), { recursive: true, withFileTypes: true });
      expect(files.filter((f) => f.isFile())).to.deep.equal([]);
    }
    // A clerk without a task on this draft does not see it through either instance.
    const hidden = await fetch(`${b.base}/api/v1/applications/${id}/materials/${material.id}/content`, {
      headers: { authorization: `Bearer ${planning}` },
    });
    expect(hidden.status).to.equal(404);
  });
});
