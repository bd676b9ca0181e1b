import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { openDatabase } from '../../src/db/index.ts';
import { SYSTEM_ACTOR } from '../../src/engine/records.ts';
import { importNdjson, type HistoricalEvent } from '../../src/import/index.ts';
import { permitHistoryLine } from '../fixtures/permit-history.ts';
import { auditOf, loadCase, timersOf } from '../support/cases.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { ndjson, parseNdjson, rowCounts } from '../support/import.ts';
import { CLOCK, applicant, changed, clerk, refusalOf, runCli, system } from '../support/import-history.ts';

describeEachDatabase('import/replay (timers, mixed files, the CLI)', (kind) => {
  let h: Harness;
  before(async () => {
    h = await createHarness(kind, CLOCK);
  });
  after(async () => {
    await h?.close();
  });
  const importText = (text: string) => importNdjson({ db: h.db, engine: h.engine }, text);

  describe('timer events', () => {
    /** Accepted with a paper missing, pledged for Friday 10 October 2025 (due at the end of that day). */
    const pledged = (...rest: HistoricalEvent[]): HistoricalEvent[] => [
      { at: '2025-09-22T09:00:00+08:00', type: 'SUBMIT', actor: { ...applicant } },
      {
        at: '2025-09-24T10:00:00+08:00',
        type: 'ACCEPT_WITH_DEFICIENCIES',
        actor: clerk('window'),
        data: { items: ['land-survey-report'], pledgeDate: '2025-10-10' },
      },
      ...rest,
    ];

    it('should replay a pledge that lapsed, sent by the system at its time, and the papers that followed', async () => {
      const [result] = await importText(
        ndjson([
          permitHistoryLine(
            pledged(
              { at: '2025-10-11T00:00:01+08:00', type: 'PLEDGE_DUE', actor: { ...system } },
              { at: '2025-10-13T09:00:00+08:00', type: 'SUPPLEMENT', actor: { ...applicant } },
            ),
          ),
        ]),
      );
      expect(result!.ok, JSON.stringify(result)).to.equal(true);
      const id = (result as { id: string }).id;
      const audit = await auditOf(h, id);
      expect(audit[3]).to.deep.include({ type: 'PLEDGE_DUE', actor: SYSTEM_ACTOR, status: 'suspended' });
      expect(audit[4]).to.deep.include({ type: 'SUPPLEMENT', status: 'in_review' });
      expect(await timersOf(h, id)).to.deep.equal([]);
      expect((await loadCase(h, id)).stoppedWorkingDays).to.equal(1);
    });

    it('should refuse a timer event before its timer is due, or from anyone but the system', async () => {
      const early = await refusalOf(
        h,
        permitHistoryLine(
          pledged({ at: '2025-10-10T12:00:00+08:00', type: 'PLEDGE_DUE', actor: { ...system } }),
        ),
      );
      expect(early.error).to.include({ type: 'event-not-allowed', pointer: '/events/2' });
      expect(early.error.detail).to.include('not due yet');
      const byClerk = await refusalOf(
        h,
        permitHistoryLine(
          pledged({ at: '2025-10-11T00:00:01+08:00', type: 'PLEDGE_DUE', actor: clerk('window') }),
        ),
      );
      expect(byClerk.error.type).to.equal('forbidden');
      expect(byClerk.error.detail).to.include("sent by the engine's timers only");
    });

    it('should refuse a history that skips a timer which was due before its next event', async () => {
      const { error } = await refusalOf(
        h,
        permitHistoryLine(
          pledged({ at: '2025-10-13T09:00:00+08:00', type: 'SUPPLEMENT', actor: { ...applicant } }),
        ),
      );
      expect(error).to.include({ type: 'invalid-history', pointer: '/events/2' });
      expect(error.detail).to.include('PLEDGE_DUE timer was due at 2025-10-10T15:59:59.999Z');
    });
  });

  describe('a mixed file', () => {
    it('should import the good lines, refuse the bad one, and number lines as an editor does', async () => {
      const before = await rowCounts(h.db);
      const bad = permitHistoryLine(
        changed(1, { type: 'APPROVE', department: 'planning', actor: clerk('planning') }),
      );
      const results = await importText(ndjson([permitHistoryLine(), '', bad, '   ', permitHistoryLine()]));
      expect(results.map((r) => [r.line, r.ok])).to.deep.equal([
        [1, true],
        [3, false],
        [5, true],
      ]);
      const after = await rowCounts(h.db);
      expect(after.applications - before.applications).to.equal(2);
      expect(after.audit_events - before.audit_events).to.equal(2 * 11);
    });

    it('should read CRLF line ends', async () => {
      const results = await importText(`${JSON.stringify(permitHistoryLine())}\r\n{\r\n`);
      expect(results.map((r) => [r.line, r.ok])).to.deep.equal([
        [1, true],
        [2, false],
      ]);
    });
  });

  describe('the CLI', () => {
    let dir = '';
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zerotrip-import-'));
    });
    after(() => {
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('should import a file into the configured database, answer per line and exit 1 on a refusal', async function () {
      this.timeout(60_000);
      const file = path.join(dir, 'cases.ndjson');
      const bad = permitHistoryLine(changed(1, { actor: { ...applicant } }));
      fs.writeFileSync(file, ndjson([permitHistoryLine(), bad, '', permitHistoryLine()]));
      // SQLite as the brief of the CLI says; PostgreSQL through the suite's own database.
      const url = kind === 'sqlite' ? `sqlite:${path.join(dir, 'z.db')}` : h.url;
      const before = kind === 'pg' ? await rowCounts(h.db) : null;
      const run = await runCli(file, { DATABASE_URL: url, JWT_SECRET: 'x' });
      expect(run.code, run.stderr).to.equal(1);
      const results = parseNdjson(run.stdout);
      expect(results.map((r) => [r.line, r.ok])).to.deep.equal([
        [1, true],
        [2, false],
        [4, true],
      ]);
      expect(results[1].error.type).to.equal('forbidden');
      expect(run.stderr).to.include('2 imported, 1 refused');

      const db =
        kind === 'sqlite' ? openDatabase({ client: 'sqlite', filename: path.join(dir, 'z.db') }) : h.db;
      try {
        const ids = [results[0].id, results[2].id];
        const rows = await db.knex('applications').whereIn('id', ids).select('status', 'net_working_days');
        expect(rows.map((r) => [r.status, Number(r.net_working_days)])).to.deep.equal([
          ['approved', 9],
          ['approved', 9],
        ]);
        // Two cases, and the licence each one's ISSUE produced.
        if (before) expect((await rowCounts(db)).applications - before.applications).to.equal(4);
      } finally {
        if (kind === 'sqlite') await db.knex.destroy();
      }
    });

    it('should exit 0 when every line is imported', async function () {
      this.timeout(60_000);
      const file = path.join(dir, 'good.ndjson');
      fs.writeFileSync(file, ndjson([permitHistoryLine()]));
      const url = kind === 'sqlite' ? `sqlite:${path.join(dir, 'z.db')}` : h.url;
      const run = await runCli(file, { DATABASE_URL: url, JWT_SECRET: 'x' });
      expect(run.code, run.stderr).to.equal(0);
      expect(parseNdjson(run.stdout)).to.have.length(1);
    });
  });
});
