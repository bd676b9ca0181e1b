/**
 * Figure `reads` of `npm run bench`: reads that do not grow (issue 18). On a fresh database per kind (a SQLite
 * file; with `--pg` also a PostgreSQL database created as zerotrip_bench_<hex> and dropped after):
 * bench/reads.ts seeds it (real cases through the engine, then the bulk rows), bench/zerotrip-server.ts
 * serves it, and bench/reads.ts reads it over HTTP one request at a time. Prints (a) GET
 * /api/v1/applications/:id of a case with 1,000 audit records against one with a short history, and (b) the
 * first inbox and case-list pages, median and p99; returns the targets.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runChild, startChild } from './child.ts';
import { freshPgDatabase } from './pg-database.ts';
import { line, ms, num, ratio, type Target } from './report.ts';

interface Seeded {
  small: string;
  large: string;
  smallRecords: number;
  largeRecords: number;
  cases: number;
  tasks: number;
  realSeconds: number;
  bulkSeconds: number;
}

type Reads = Record<string, { median: number; p99: number; cpuMs: number | null }>;

const LABELS: Record<string, string> = {
  inboxClerk: 'first inbox page, clerk of a department',
  inboxAuditor: 'first inbox page, auditor',
  listEnterprise: 'first case-list page, enterprise',
  listClerk: 'first case-list page, clerk of a department',
  listAuditor: 'first case-list page, auditor',
};

/** Seeds, serves and reads one database; prints its lines. */
async function measureOn(kind: string, databaseUrl: string, rows: number, samples: number) {
  const seeded = await runChild<Seeded>({ script: 'reads.ts', args: ['seed', databaseUrl, String(rows)] });
  const secret = randomBytes(32).toString('hex');
  const server = await startChild<{ port: number; pid: number }>({
    script: 'zerotrip-server.ts',
    env: { DATABASE_URL: databaseUrl, JWT_SECRET: secret, LOG_LEVEL: 'silent', PORT: '0' },
  });
  let reads: Reads;
  try {
    reads = await runChild<Reads>({
      script: 'reads.ts',
      args: [
        'measure',
        `http://127.0.0.1:${server.ready.port}`,
        secret,
        seeded.small,
        seeded.large,
        String(samples),
        String(server.ready.pid),
      ],
    });
  } finally {
    await server.stop();
  }
  console.log(
    `R. reads (${kind}): ${num(seeded.cases)} cases and ${num(seeded.tasks)} tasks (bulk SQL ` +
      `${num(seeded.bulkSeconds)} s, real cases through the engine ${num(seeded.realSeconds)} s); ` +
      `${num(samples)} requests each, one at a time, taken in turns`,
  );
  const ratioLarge = reads.caseLarge!.median / reads.caseSmall!.median;
  const cpu = (name: string) => {
    const value = reads[name]!.cpuMs;
    return value === null ? '' : `; server CPU ${num(value, 1)} ms a read`;
  };
  if (kind === 'SQLite') {
    console.log(
      line(
        `   GET /applications/:id, ${num(seeded.largeRecords)} records ÷ ${num(seeded.smallRecords)}`,
        `${ratio(ratioLarge)} (median ${ms(reads.caseLarge!.median)} vs ${ms(reads.caseSmall!.median)}; ` +
          `p99 ${ms(reads.caseLarge!.p99)} vs ${ms(reads.caseSmall!.p99)})` +
          (reads.caseLarge!.cpuMs === null
            ? ''
            : `; server CPU ${num(reads.caseLarge!.cpuMs, 1)} vs ${num(reads.caseSmall!.cpuMs!, 1)} ms a read`),
      ),
    );
  }
  for (const [name, label] of Object.entries(LABELS)) {
    const { median, p99 } = reads[name]!;
    console.log(line(`   ${label}`, `median ${ms(median)}, p99 ${ms(p99)}${cpu(name)}`));
  }
  const pages = Object.keys(LABELS).map((name) => reads[name]!.median);
  return { ratioLarge, worstPage: Math.max(...pages), rows: seeded.cases };
}

/** Runs the figure on SQLite, and on PostgreSQL with `pgAdminUrl`; returns the targets. */
export async function readsFigure(options: {
  rows: number;
  samples: number;
  pgAdminUrl?: string;
}): Promise<Target[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zerotrip-bench-reads-'));
  let sqlite: Awaited<ReturnType<typeof measureOn>>;
  try {
    sqlite = await measureOn(
      'SQLite',
      `sqlite:${path.join(dir, 'zerotrip.db')}`,
      options.rows,
      options.samples,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  let pg: Awaited<ReturnType<typeof measureOn>> | undefined;
  if (options.pgAdminUrl) {
    const database = await freshPgDatabase(options.pgAdminUrl);
    try {
      pg = await measureOn('PostgreSQL', database.url, options.rows, options.samples);
    } finally {
      await database.drop();
    }
  }
  const pages = (figure: typeof pg, kind: string): Target => ({
    name: `first inbox and case-list pages < 20 ms median, ${num(options.rows)} rows (${kind}, slowest)`,
    met: figure ? figure.worstPage < 20 : null,
    figure: figure ? ms(figure.worstPage) : '',
  });
  return [
    {
      name: 'GET /applications/:id, 1,000 records ≤ 1.5× a short history (SQLite)',
      met: sqlite.ratioLarge <= 1.5,
      figure: ratio(sqlite.ratioLarge),
    },
    pages(sqlite, 'SQLite'),
    ...(options.pgAdminUrl ? [pages(pg, 'PostgreSQL')] : []),
  ];
}
