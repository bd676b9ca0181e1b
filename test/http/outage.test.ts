import { expect } from 'chai';
import Sqlite from 'better-sqlite3';
import knexFactory, { type Knex } from 'knex';
import { permitProject } from '../fixtures/construction-permit.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { ENTERPRISE, OTHER_ENTERPRISE } from '../support/harness.ts';
import { expectProblem, people, startTestService, type TestService } from '../support/http.ts';

const PG_ADMIN_URL = process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A database that stops taking writes (disk full, read-only) or stops answering: /readyz says 503 so that the
 * load balancer stops sending traffic, and requests get 503 with Retry-After (never a 500), changing nothing.
 */
describeEachDatabase('http/database outage', function (kind) {
  this.timeout(60_000);
  let svc: TestService;
  let admin: Knex | undefined;
  let other: Sqlite.Database | undefined;
  let name = '';

  beforeEach(async () => {
    svc = await startTestService(kind);
    if (kind === 'pg') {
      admin = knexFactory({ client: 'pg', connection: PG_ADMIN_URL, pool: { min: 0, max: 1 } });
      name = (await svc.service.db.knex.raw('select current_database() as name')).rows[0].name;
    }
  });
  afterEach(async () => {
    other?.close();
    other = undefined;
    if (admin) {
      await admin.raw(`alter database ${name} allow_connections true`);
      await admin.raw(`alter database ${name} reset default_transaction_read_only`);
      await admin.destroy();
      admin = undefined;
    }
    await svc?.close();
  });

  /** Ends the service's connections to its database, so that its pool has to connect anew. */
  const dropConnections = () =>
    admin!.raw('select pg_terminate_backend(pid) from pg_stat_activity where datname = ?', [name]);

  const caseCount = async () =>
    Number((await svc.service.db.knex('applications').count({ n: '*' }).first())?.n);

  /**
   * Asks /readyz until it gives `status` (a connection ended by the server is noticed when the pool hands
   * it out: that request fails as unavailable, and the pool connects anew for the next).
   */
  async function readiness(status: string) {
    for (let i = 0; ; i++) {
      const ready = await svc.request('GET', '/readyz');
      if ((ready.body.status ?? 'ready') === status || i >= 20) return ready;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const create = (token: string) =>
    svc.request('POST', '/api/v1/applications', {
      token,
      body: { workflow: 'construction-permit', project: permitProject, form: {} },
    });

  it('should answer /readyz 503 and refuse writes with 503 + Retry-After while the database is read-only', async () => {
    const who = people(svc, ENTERPRISE, OTHER_ENTERPRISE);
    expect((await svc.request('GET', '/readyz')).status).to.equal(200);
    const before = await caseCount();

    if (kind === 'sqlite') {
      // The service's one connection: as a read-only file or a full disk would, it refuses every write.
      await svc.service.db.knex.raw('pragma query_only = on');
    } else {
      await admin!.raw(`alter database ${name} set default_transaction_read_only = on`);
      await dropConnections();
    }
    const ready = await readiness('read-only');
    expect(ready.status).to.equal(503);
    expect(ready.body.status).to.equal('read-only');
    expect(ready.headers.get('retry-after')).to.equal('5');

    const refused = await create(who.applicant);
    expectProblem(refused, 503, 'database-unavailable');
    expect(refused.headers.get('retry-after')).to.equal('5');

    if (kind === 'sqlite') await svc.service.db.knex.raw('pragma query_only = off');
    else {
      await admin!.raw(`alter database ${name} reset default_transaction_read_only`);
      await dropConnections();
    }
    expect((await readiness('ready')).status).to.equal(200);
    expect(await caseCount()).to.equal(before);
    expect((await create(who.applicant)).status).to.equal(201);
  });

  it('should answer 503 with Retry-After, not 500, while the database does not answer', async () => {
    const who = people(svc, ENTERPRISE, OTHER_ENTERPRISE);
    const before = await caseCount();
    if (kind === 'sqlite') {
      // Another process holds the file's write lock past the busy timeout (a stuck backup, a locked volume).
      const file = (svc.service.db.knex.client.config.connection as { filename: string }).filename;
      other = new Sqlite(file);
      other.exec('begin exclusive');
    } else {
      await admin!.raw(`alter database ${name} allow_connections false`);
      await dropConnections();
    }

    const refused = await create(who.applicant);
    expectProblem(refused, 503, 'database-unavailable');
    expect(refused.headers.get('retry-after')).to.equal('5');
    if (kind === 'pg') {
      const ready = await svc.request('GET', '/readyz');
      expect(ready.status).to.equal(503);
      expect(ready.body.status).to.equal('unavailable');
      expect(ready.headers.get('retry-after')).to.equal('5');
      const read = await svc.request('GET', '/api/v1/applications', { token: who.auditor });
      expectProblem(read, 503, 'database-unavailable');
    }

    if (kind === 'sqlite') other!.exec('rollback');
    else await admin!.raw(`alter database ${name} allow_connections true`);
    expect((await readiness('ready')).status).to.equal(200);
    expect(await caseCount()).to.equal(before);
    expect((await create(who.applicant)).status).to.equal(201);
  });
});
