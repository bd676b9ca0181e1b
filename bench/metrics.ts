/**
 * Approval-time metrics on a large history: fills a SQLite file with N decided cases (default 1,000,000) spread
 * over 2025 and 2026 across the workflows, then times `approvalTimes` for one year grouped by month and by
 * workflow (median and p90 included), reporting the median of several runs.
 * Usage: npm run bench:metrics -- [cases]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCalendar } from '../src/calendar/index.ts';
import { migrateLatest, openDatabase } from '../src/db/index.ts';
import { seedReferenceData } from '../src/setup/seed-reference-data.ts';
import { approvalTimes, type GroupBy } from '../src/metrics/index.ts';
import { createRegistry } from '../workflows/index.ts';

const cases = Number(process.argv[2] ?? 1_000_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zerotrip-bench-metrics-'));
const db = openDatabase({ client: 'sqlite', filename: path.join(dir, 'metrics.db') });
await migrateLatest(db.knex);
await seedReferenceData(db.knex, new Date('2025-01-01T00:00:00Z'));
const registry = createRegistry(await loadCalendar(db));

const started = performance.now();
// Synthetic decided cases, generated inside SQLite: the figures a conclusion stores, and nothing else.
await db.knex.raw(
  `with recursive n(i) as (select 0 union all select i + 1 from n where i < ?)
   insert into applications (id, workflow_id, workflow_version, applicant, created_by, project, form, snapshot,
     state, status, version, last_hash, created_at, updated_at, submitted_at, accepted_at, concluded_at,
     limit_working_days, stopped_working_days, working_days, net_working_days, on_time, concluded_month)
   select printf('%08x-0000-4000-8000-%012x', i, i),
     case i % 3 when 0 then 'construction-permit' when 1 then 'completion-acceptance' else 'construction-permit' end,
     1, '91310115591693856A', 'bench', '{}', '{}', '{}', '"approved"',
     case i % 3 when 1 then 'concluded' else 'approved' end, 9, '', c, c, c, c, c,
     45, 0, w, w - (i % 4), (w - (i % 4)) <= 45, substr(c, 1, 7)
   from (select i, strftime('%Y-%m-%dT%H:%M:%fZ', '2025-01-01', '+' || (i % 730) || ' days', '+' || (i % 24) || ' hours') as c,
                3 + (i * 7919) % 60 as w from n)`,
  [cases - 1],
);
await db.knex.raw('analyze');
console.log(`filled ${cases} decided cases in ${((performance.now() - started) / 1000).toFixed(1)} s`);

async function time(groupBy: GroupBy, runs = 7): Promise<number> {
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    await approvalTimes(
      db,
      registry,
      { groupBy, from: '2025-12-31T16:00:00.000Z', to: '2026-12-31T16:00:00.000Z' },
      new Date('2027-01-01T00:00:00Z'),
    );
    samples.push(performance.now() - t);
  }
  return samples.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

const rows = await approvalTimes(
  db,
  registry,
  { groupBy: 'month', from: '2025-12-31T16:00:00.000Z', to: '2026-12-31T16:00:00.000Z' },
  new Date(),
);
console.log(`2026 by month: ${rows.length} rows, ${rows.reduce((s, r) => s + r.concluded, 0)} cases counted`);
console.log(`approval-times, one year by month (median of 7): ${(await time('month')).toFixed(0)} ms`);
console.log(`approval-times, one year by workflow (median of 7): ${(await time('workflow')).toFixed(0)} ms`);
await db.knex.destroy();
fs.rmSync(dir, { recursive: true, force: true });
