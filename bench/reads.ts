/**
 * Figure `reads` of `npm run bench`, the child side (bench/lib/reads-figure.ts drives it), in two modes:
 *
 *   seed DATABASE_URL ROWS   the real service's engine makes the cases the readers see (the enterprise's, the
 *                            planning clerk's, the auditor's): one case with a short history, one with 1,000
 *                            audit records, and a few more in review; then ROWS cases and ROWS tasks of
 *                            many enterprises and departments are added with bulk SQL (a recursive CTE on
 *                            SQLite, generate_series on PostgreSQL), older than the real ones, as the history
 *                            of a province would be. Sends the ids and the counts.
 *   measure BASE_URL SECRET SMALL LARGE SAMPLES SERVER_PID
 *                            one request at a time to the real service (bench/zerotrip-server.ts): GET
 *                            /api/v1/applications/:id of both cases alternated, the first inbox page of the
 *                            planning clerk and an auditor, and the first case-list page of the enterprise, the clerk and an auditor.
 *                            Sends each read's median and p99 in ms, and the server's CPU time per read
 *                            (from /proc/SERVER_PID/stat, each read alone), which the machine's noise
 *                            changes less.
 */
import fs from 'node:fs';
import { pino } from 'pino';
import { loadConfig } from '../src/config.ts';
import { buildService, type Service } from '../src/service.ts';
import { report } from './lib/child.ts';
import { applicant, caseInReview, clerk, ENTERPRISE, signTokens } from './lib/permit.ts';

const [mode, ...args] = process.argv.slice(2);

/** Audit records of the long case. */
const LONG_HISTORY = 1000;
/** Cases in review besides the two measured ones, so that every reader's first page is full of real cases. */
const MORE_REAL_CASES = 30;
/** Departments and enterprises the bulk rows spread over. */
const BULK_DEPARTMENTS = 40;
const BULK_ENTERPRISES = 5000;

await report(async () => {
  if (mode === 'seed') return seed(args[0]!, Number(args[1]));
  if (mode === 'measure') {
    return measure(args[0]!, args[1]!, args[2]!, args[3]!, Number(args[4]), Number(args[5]));
  }
  throw new Error(`bench/reads.ts: unknown mode ${mode}`);
});

async function seed(databaseUrl: string, rows: number) {
  const config = loadConfig({ DATABASE_URL: databaseUrl, JWT_SECRET: 'bench-seed', LOG_LEVEL: 'silent' });
  const service = await buildService(config, { logger: pino({ level: 'silent' }) });
  try {
    const started = performance.now();
    const small = await caseInReview(service);
    const large = await caseInReview(service);
    while ((await service.engine.load(large))!.version < LONG_HISTORY) await supplementRound(service, large);
    for (let i = 0; i < MORE_REAL_CASES; i++) await caseInReview(service);
    const realSeconds = (performance.now() - started) / 1000;
    const bulkStarted = performance.now();
    await bulkRows(service, rows);
    const bulkSeconds = (performance.now() - bulkStarted) / 1000;
    const count = async (table: string) =>
      Number((await service.db.knex(table).count({ n: '*' }).first())!.n);
    return {
      small,
      large,
      smallRecords: await auditCount(service, small),
      largeRecords: await auditCount(service, large),
      cases: await count('applications'),
      tasks: await count('tasks'),
      realSeconds,
      bulkSeconds,
    };
  } finally {
    await service.close();
  }
}

/** A department asks for a supplement and the enterprise sends it: two audit records. */
async function supplementRound(service: Service, id: string): Promise<void> {
  await service.engine.send({
    applicationId: id,
    event: { type: 'REQUEST_SUPPLEMENT', department: 'planning', comment: 'the stamped drawings' },
    actor: clerk('planning'),
  });
  await service.engine.send({ applicationId: id, event: { type: 'SUPPLEMENT' }, actor: applicant });
}

async function auditCount(service: Service, id: string): Promise<number> {
  const row = await service.db.knex('audit_events').where({ application_id: id }).count({ n: '*' }).first();
  return Number(row!.n);
}

/**
 * `rows` cases and `rows` tasks in bulk: cases of many enterprises (one in fifty the measured enterprise's),
 * created over the three years before the real ones; most concluded, the rest in review or supplementing; a
 * task each, in one of many departments (one in fifty planning's), closed with its case or open and due later
 * than the real cases' tasks.
 */
async function bulkRows(service: Service, rows: number): Promise<void> {
  const knex = service.db.knex;
  const oldest = Date.now() - 3 * 365 * 86_400_000;
  const step = Math.floor((3 * 365 * 86_400_000 - 86_400_000) / rows);
  const pg = service.db.dialect.name === 'pg';
  // The same expressions on both databases, over the row number `i`.
  const text = (sql: string) => (pg ? `(${sql})::text` : `cast(${sql} as text)`);
  const pad = (sql: string, width: number) =>
    pg ? `lpad(${text(sql)}, ${width}, '0')` : `printf('%0${width}d', ${sql})`;
  const iso = (ms: string) =>
    pg
      ? `to_char(to_timestamp((${ms}) / 1000.0) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
      : `strftime('%Y-%m-%dT%H:%M:%fZ', (${ms}) / 1000.0, 'unixepoch')`;
  const created = iso(`${oldest} + i * ${step}`);
  const applicantOf = `case when i % 50 = 0 then '${ENTERPRISE}' else '9131' || ${pad(`i % ${BULK_ENTERPRISES}`, 14)} end`;
  const statusOf = `case when i % 10 < 7 then 'approved' when i % 10 = 7 then 'withdrawn' when i % 10 = 8 then 'in_review' else 'supplementing' end`;
  const idOf = `'bulk-' || ${pad('i', 9)}`;
  const series = pg
    ? `from generate_series(1::bigint, ${rows}::bigint) as s(i)`
    : `from (with recursive n(i) as (select 1 union all select i + 1 from n where i < ${rows}) select i from n)`;
  await knex.raw(
    `insert into applications (id, workflow_id, workflow_version, applicant, created_by, project, form, snapshot,
       state, status, version, last_hash, created_at, updated_at, submitted_at, accepted_at, concluded_at,
       limit_working_days, stopped_working_days, due_at, project_name, project_code, submission_stopped_days)
     select ${idOf}, 'construction-permit', 1, ${applicantOf}, 'bulk', '{"name":"bulk project"}', '{}', '{}',
       '"accepted"', ${statusOf}, 3, '', ${created}, ${created}, ${created}, ${created},
       case when i % 10 < 8 then ${created} end, 45, 0, ${created}, 'bulk project ' || ${text('i')},
       '2023-310115-48-03-' || ${pad('i % 1000000', 6)}, 0
     ${series}`,
  );
  const department = `case when i % 50 = 1 then 'planning' else 'bulk-' || ${pad(`i % ${BULK_DEPARTMENTS}`, 2)} end`;
  const open = `i % 10 >= 8`;
  // Open bulk tasks fall due after the real ones (a year ahead), closed ones when their case concluded.
  const due = `case when ${open} then ${iso(`${Date.now() + 365 * 86_400_000} + i`)} else ${created} end`;
  await knex.raw(
    `insert into tasks (application_id, node, department, action, limit_days, opened_at, due_at, closed_at,
       status, stopped_working_days, special_working_days, workflow_id)
     select ${idOf}, 'accepted.review', ${department}, 'review', 20, ${created}, ${due},
       case when ${open} then null else ${created} end, case when ${open} then 'open' else 'closed' end, 0, 0,
       'construction-permit'
     ${series}`,
  );
  // Fresh statistics, as a database that grew to this size would have.
  await knex.raw('analyze');
}

/** The CPU time (user + system, ms) a process has used, from /proc; null where there is none. */
function cpuMsOf(pid: number): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of stat(5), 12 and 13 after the name; in clock ticks (100 a second).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

async function measure(
  baseUrl: string,
  secret: string,
  small: string,
  large: string,
  samples: number,
  serverPid: number,
) {
  const tokens = signTokens(secret);
  const get = async (url: string, token: string): Promise<number> => {
    const started = performance.now();
    const response = await fetch(`${baseUrl}${url}`, { headers: { authorization: `Bearer ${token}` } });
    await response.arrayBuffer();
    const elapsed = performance.now() - started;
    if (response.status !== 200) throw new Error(`GET ${url}: ${response.status}`);
    return elapsed;
  };
  const reads: Record<string, [string, string]> = {
    caseSmall: [`/api/v1/applications/${small}`, tokens.applicant],
    caseLarge: [`/api/v1/applications/${large}`, tokens.applicant],
    inboxClerk: ['/api/v1/tasks', tokens.clerk.planning!],
    inboxAuditor: ['/api/v1/tasks', tokens.auditor],
    listEnterprise: ['/api/v1/applications', tokens.applicant],
    listClerk: ['/api/v1/applications', tokens.clerk.planning!],
    listAuditor: ['/api/v1/applications', tokens.auditor],
  };
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(reads).map((k) => [k, []]));
  // Warm up every read, then take them in turns so that the machine's noise falls on all of them alike.
  for (const [url, token] of Object.values(reads)) for (let i = 0; i < 5; i++) await get(url, token);
  for (let i = 0; i < samples; i++) {
    for (const [name, [url, token]] of Object.entries(reads)) times[name]!.push(await get(url, token));
  }
  // The server's CPU time per read, each read alone: what a shared, noisy machine does not change much.
  const cpu: Record<string, number | null> = {};
  for (const [name, [url, token]] of Object.entries(reads)) {
    const before = cpuMsOf(serverPid);
    for (let i = 0; i < samples; i++) await get(url, token);
    const after = cpuMsOf(serverPid);
    cpu[name] = before === null || after === null ? null : (after - before) / samples;
  }
  return Object.fromEntries(
    Object.entries(times).map(([name, list]) => [
      name,
      { median: quantile(list, 0.5), p99: quantile(list, 0.99), cpuMs: cpu[name] ?? null },
    ]),
  );
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
