/**
 * `npm run bench`: the figures of issue 6, all measured in one run on this machine, each in processes of its
 * own (servers and the load generator never share an event loop), and the ratios between them:
 *   1. ZeroTrip's transition endpoint (the real service on SQLite): every department's APPROVE from 32
 *      keep-alive clients, `Prefer: return=minimal` — transitions/s, p50, p99; every answer must be 200 and
 *      every case must end in the issuing state;
 *   2. the bare reference handler (bench/reference-server.ts) under the same load, and ZeroTrip ÷ reference;
 *   3. the engine in-process without HTTP on SQLite (bench/engine-throughput.ts);
 *   4. bpmn-engine completing the same five-way approval with its state saved to SQLite after each step,
 *      against ZeroTrip completing the same nine steps in-process (bench/approvals-*.ts): approvals/s and the
 *      ratio; then ZeroTrip's approval with the papers a real case hands in first, apart;
 *   5. resident memory over 100,000 transitions and whether it still grows (bench/memory.ts);
 *   6. abuse (bench/lib/abuse.ts): figure 1's load on one ZeroTrip server (SQLite) in alternating rounds
 *      (a) alone, (b) under 2,000 requests/s with a bad token from another process (bench/flood-client.ts,
 *      4 pipelined connections, once the flood is answered 429), (c) under 50 anonymous GET /metrics/s —
 *      transitions/s, p99, the ratios (b)/(a) and (c)/(a), and how the floods were answered (401/429, 200);
 *   R. reads (bench/lib/reads-figure.ts): GET /applications/:id of a case with 1,000 audit records against one
 *      with a short history, and the first inbox and case-list pages with 1,000,000 cases and tasks stored
 *      (--quick: 100,000), median and p99, on SQLite (and PostgreSQL with --pg);
 * then the targets and whether they are met. With `--pg`, also ZeroTrip's endpoint on a fresh PostgreSQL
 * database (created as zerotrip_bench_<hex> and dropped after): one instance in figure 1's rounds, alternating
 * with SQLite (1b, and PostgreSQL ÷ SQLite from the same rounds); then one and two service instances: besides
 * the load figures, round trips per event on the group commits' connections and the CPU share of each process
 * (every instance, the load client, the database's backends); when the run's order is case after case, one
 * and two instances again with the approvals department after department, where the two instances do not wait
 * for each other's locks on the same cases.
 *
 * Usage: npm run bench [-- --quick] [-- --pg] [-- --idempotency]
 *                      [-- --only http,reference,engine,bpmn,memory,abuse,reads]
 *        npm run bench -- --soak [--soak-minutes N] [--soak-rate R] [--pg]
 *   --quick        a smoke run of about a minute (smaller N, shorter windows, 20,000 transitions for memory)
 *   --pg           add the PostgreSQL figures (PG_ADMIN_URL, default postgres://postgres@127.0.0.1:5432/postgres)
 *   --idempotency  send an Idempotency-Key with every measured APPROVE to ZeroTrip
 *   --spread       send the approvals department after department (no two events of a case in flight together)
 *                  instead of case after case
 *   --only LIST    run only some figures (ratios need both sides)
 *   --soak         instead of the figures, the soak (bench/soak.ts; not in CI): the service on SQLite (with
 *                  --pg a fresh PostgreSQL database) under steady mixed traffic for 30 minutes (--soak-minutes),
 *                  60 requests/s (--soak-rate); a line a minute, then the verdict: no error, memory and p99
 *                  that do not grow — exit 1 otherwise
 * BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' passes node options to every child (to profile).
 * Exits 1 when ZeroTrip dropped or refused an event (a benchmark that loses events is wrong), else 0, targets
 * met or not.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { abuseFigure } from './lib/abuse.ts';
import { runChild, startChild } from './lib/child.ts';
import {
  measureSides,
  startReference,
  startZeroTrip,
  type Driver,
  type EndpointRun,
  type GroupCommitStats,
  type Side,
} from './lib/endpoint.ts';
import { bpmnFigure } from './lib/bpmn-figure.ts';
import { memoryFigure } from './lib/memory-figure.ts';
import { freshPgDatabase, type FreshPgDatabase } from './lib/pg-database.ts';
import { readsFigure } from './lib/reads-figure.ts';
import { runSoak, soakOptions } from './soak.ts';
import { CpuShares } from './lib/process-cpu.ts';
import { line, loadFigures, loadProblems, ms, num, ratio, targetsBlock, type Target } from './lib/report.ts';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const withPg = argv.includes('--pg');
const idempotency = argv.includes('--idempotency');
const order = argv.includes('--spread') ? 'spread' : 'case';
const onlyIndex = argv.indexOf('--only');
const only = onlyIndex >= 0 ? new Set((argv[onlyIndex + 1] ?? '').split(',')) : null;
const wanted = (figure: string) => only === null || only.has(figure);

const settings = quick
  ? {
      http: { cases: 400, warmupCases: 60, rounds: 1 },
      engine: { cases: 400, warmupCases: 60 },
      approvals: { rounds: 1, seconds: 3, warmupSeconds: 1, recoverSeconds: 2 },
      memoryTransitions: 20_000,
      pg: { cases: 150, warmupCases: 30, rounds: 2 },
      abuse: { cases: 400, warmupCases: 60, rounds: 2 },
      reads: { rows: 100_000, samples: 100 },
    }
  : {
      http: { cases: 1500, warmupCases: 200, rounds: 3 },
      engine: { cases: 2000, warmupCases: 200 },
      approvals: { rounds: 2, seconds: 6, warmupSeconds: 2, recoverSeconds: 5 },
      memoryTransitions: 100_000,
      pg: { cases: 400, warmupCases: 100, rounds: 2 },
      abuse: { cases: 1500, warmupCases: 200, rounds: 3 },
      reads: { rows: 1_000_000, samples: 300 },
    };
const CLIENTS = 32;
const APPROVAL_CONCURRENCY = 8;
const PG_ADMIN_URL = process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

if (argv.includes('--soak')) process.exit(await runSoak(soakOptions(argv, PG_ADMIN_URL)));

const problems: string[] = [];
const runStarted = performance.now();
const cpus = os.cpus();
console.log(
  `ZeroTrip benchmark${quick ? ' (--quick)' : ''} — ${new Date().toISOString()}, ${cpus.length} × ` +
    `${cpus[0]?.model.trim()}, ${num(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ` +
    `${os.platform()} ${os.release()}`,
);
const { http } = settings;
console.log(
  `HTTP: ${CLIENTS} keep-alive clients, every department's APPROVE ` +
    `${order === 'case' ? 'case after case' : 'department after department'}, Prefer: return=minimal` +
    `${idempotency ? ', Idempotency-Key (ZeroTrip)' : ''}; ${http.rounds} round(s) of 5 × ${num(http.cases)} ` +
    `per server, alternating, after ${http.warmupCases} warm-up cases\n`,
);

const driver: Driver = {
  loader: await startChild({ script: 'load-client.ts' }),
  secret: randomBytes(32).toString('hex'),
  clients: CLIENTS,
  order,
};

/** The rounds' transitions/s, to show how steady the machine was. */
/** `top ÷ bottom` over the whole run, and round by round when there were several (their rounds alternated). */
const ratioByRound = (
  top: { result: { perSecond: number }; rounds: number[] },
  bottom: { result: { perSecond: number }; rounds: number[] },
) => {
  const perRound = top.rounds.map((t, i) => ratio(t / bottom.rounds[i]!));
  return (
    ratio(top.result.perSecond / bottom.result.perSecond) +
    (perRound.length > 1 ? `   (rounds ${perRound.join(', ')})` : '')
  );
};
const roundsNote = (run: EndpointRun) =>
  run.rounds.length > 1 ? ` (rounds ${run.rounds.map((r) => num(r)).join(', ')})` : '';

const checkNote = (run: EndpointRun) =>
  `[${num(run.result.statuses['200'] ?? 0)}/${num(run.result.requests)} × 200, ` +
  `${num(run.check.issuing)}/${num(run.check.cases)} issuing]`;

/** Records (and prints) non-200 answers and lost approvals of ZeroTrip: they invalidate the run. */
function reportProblems(label: string, run: EndpointRun, ours = true): void {
  const found = loadProblems(run.result, run.check);
  if (!found) return;
  if (ours) problems.push(`${label}:\n${found}`);
  console.log(`   !! ${label} misbehaved:\n${found.replace(/^/gm, '      ')}`);
}

// 1 and 2. ZeroTrip's endpoint on SQLite and the reference handler, alternating round by round; with --pg,
// one instance on PostgreSQL too (1b), so that PostgreSQL ÷ SQLite is measured in the same rounds and not
// minutes apart on a machine whose speed moves.
let zerotrip: EndpointRun | undefined;
let reference: EndpointRun | undefined;
let pgAlongside: EndpointRun | undefined;
if (wanted('http') || wanted('reference')) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zerotrip-bench-http-'));
  const sides: Side[] = [];
  const pgSide = withPg && wanted('http') ? await freshPgDatabase(PG_ADMIN_URL) : undefined;
  try {
    if (wanted('http')) {
      sides.push(await startZeroTrip(driver, `sqlite:${path.join(dir, 'zerotrip.db')}`, { idempotency }));
    }
    if (wanted('reference')) sides.push(await startReference(driver));
    if (pgSide) sides.push(await startZeroTrip(driver, pgSide.url, { idempotency }));
    const runs = await measureSides(driver, sides, http);
    if (wanted('http')) zerotrip = runs.shift();
    if (wanted('reference')) reference = runs.shift();
    if (pgSide) pgAlongside = runs.shift();
  } finally {
    for (const side of sides) await side.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    await pgSide?.drop();
  }
  const n = `5 × ${num(http.rounds * http.cases)} APPROVE`;
  if (zerotrip) {
    console.log(
      line(`1. ZeroTrip POST …/events (SQLite), ${n}`, loadFigures(zerotrip.result)) +
        `   ${checkNote(zerotrip)}${roundsNote(zerotrip)}`,
    );
    reportProblems('ZeroTrip endpoint (SQLite)', zerotrip);
  }
  if (reference) {
    console.log(
      line('2. REFERENCE handler (bench/reference-server.ts), same load', loadFigures(reference.result)) +
        `   ${checkNote(reference)}${roundsNote(reference)}`,
    );
    reportProblems('the reference handler', reference, false);
  }
  if (pgAlongside) {
    console.log(
      line(
        '1b. ZeroTrip POST …/events (PostgreSQL, 1 instance), same load',
        loadFigures(pgAlongside.result),
      ) + `   ${checkNote(pgAlongside)}${roundsNote(pgAlongside)}`,
    );
    reportProblems('ZeroTrip endpoint (PostgreSQL, alongside figure 1)', pgAlongside);
  }
  if (zerotrip && reference) {
    console.log(line('   ratio ZeroTrip ÷ reference', ratioByRound(zerotrip, reference)));
  }
  if (zerotrip && pgAlongside) {
    console.log(line('   ratio PostgreSQL (1b) ÷ SQLite (1)', ratioByRound(pgAlongside, zerotrip)));
  }
}

// 3. The engine in-process.
if (wanted('engine')) {
  const { cases, warmupCases } = settings.engine;
  const engine = await runChild<{ perSecond: number; cases: number; issuing: number }>({
    script: 'engine-throughput.ts',
    args: [String(cases), String(warmupCases)],
  });
  console.log(
    line(
      `3. engine in-process (SQLite, no HTTP), 5 × ${num(cases)} APPROVE, ${CLIENTS} callers`,
      `${num(engine.perSecond).padStart(6)} transitions/s`,
    ) + `   [${num(engine.issuing)}/${num(engine.cases)} issuing]`,
  );
  if (engine.issuing !== engine.cases) {
    problems.push(
      `engine in-process: only ${engine.issuing} of ${engine.cases} cases reached the issuing state`,
    );
  }
}

// 4. bpmn-engine against ZeroTrip completing the same approval in-process, alternating (A B, B A, …).
const bpmnRatio = wanted('bpmn') ? await bpmnFigure(settings.approvals, APPROVAL_CONCURRENCY) : undefined;

// 5. Memory over many transitions.
const memoryVerdict = wanted('memory') ? await memoryFigure(settings.memoryTransitions) : undefined;
if (zerotrip?.memory) {
  const { warm, after } = zerotrip.memory;
  console.log(
    line(
      '   ZeroTrip server process of figure 1, after a forced GC',
      `RSS ${num(warm.rssMb)} MB after warm-up, ${num(after.rssMb)} MB after the measured ` +
        `${num(zerotrip.result.requests)} (heap ${num(warm.heapUsedMb, 1)} → ${num(after.heapUsedMb, 1)} MB)`,
    ),
  );
}

// 6. Abuse: the endpoint alone, under a flood of bad tokens, under a flood of scrapes.
let abuseTarget: Target | undefined;
if (wanted('abuse')) {
  console.log('');
  const abuse = await abuseFigure(driver, settings.abuse);
  problems.push(...abuse.problems);
  abuseTarget = abuse.target;
}

// PostgreSQL: ZeroTrip with one and with two instances, each on a fresh database dropped after. Besides the
// load figures: statements per event on the group commits' connections (each one round trip), and the CPU
// share of every process of the measured rounds (instances, load client, the database's backends).
const pgRates: number[] = [];
let pgRoundTrips: number | undefined;
/** Two instances ÷ one with the approvals department after department, when the run's order is case after case. */
let pgSpreadScaling: number | undefined;
/**
 * One and two instances under `pass`'s order of approvals, each on a database of its own, their rounds
 * alternating (as figures 1 and 2) so that two ÷ one is measured in the same stretch of the machine's time.
 * Their transitions/s (and each round's), and the first's round trips.
 */
async function pgFigures(admin: Knex, pass: Driver): Promise<{ runs: EndpointRun[]; roundTrips?: number }> {
  const databases: FreshPgDatabase[] = [];
  const sides: Side[] = [];
  const measured: Array<{ instances: number; shares: CpuShares; counts: Required<GroupCommitStats> }> = [];
  try {
    for (const instances of [1, 2]) {
      const database = await freshPgDatabase(PG_ADMIN_URL);
      databases.push(database);
      const side = await startZeroTrip(pass, database.url, { instances, idempotency });
      sides.push(side);
      const backends = async () =>
        (
          (await admin.raw('select pid from pg_stat_activity where datname = ?', [database.name])) as {
            rows: Array<{ pid: number }>;
          }
        ).rows.map((r) => r.pid);
      const shares = new CpuShares([
        ...(side.pids ?? []).map((pid, i) => ({ label: `instance ${i + 1}`, pids: () => [pid] })),
        { label: 'load client', pids: () => [pass.loader.process.pid!] },
        { label: 'PostgreSQL backends', pids: backends },
      ]);
      const counts = { events: 0, queries: 0, batches: 0 };
      side.around = async (round) => {
        const before = (await side.groupCommits?.()) ?? [];
        const result = await shares.measure(round);
        const after = (await side.groupCommits?.()) ?? [];
        after.forEach((a, i) => {
          counts.events += (a.events ?? 0) - (before[i]?.events ?? 0);
          counts.queries += (a.queries ?? 0) - (before[i]?.queries ?? 0);
          counts.batches += (a.batches ?? 0) - (before[i]?.batches ?? 0);
        });
        return result;
      };
      measured.push({ instances, shares, counts });
    }
    const runs = await measureSides(pass, sides, settings.pg);
    let roundTrips: number | undefined;
    runs.forEach((run, i) => {
      const { instances, shares, counts } = measured[i]!;
      const perEvent = counts.events ? counts.queries / counts.events : undefined;
      if (instances === 1) roundTrips = perEvent;
      // "by department": the approvals department after department (see below).
      const label =
        pass.order === 'case'
          ? `${instances} instance${instances === 1 ? '' : 's, requests alternated'}`
          : `${instances} instance${instances === 1 ? '' : 's'}, by department`;
      console.log(
        line(
          `PostgreSQL, ${label}, 5 × ${num(settings.pg.cases * settings.pg.rounds)} APPROVE`,
          loadFigures(run.result),
        ) + `   ${checkNote(run)}${roundsNote(run)}`,
      );
      console.log(
        line(
          '   group commit',
          perEvent === undefined
            ? 'no counts'
            : `${num(perEvent, 2)} round trips per event, ${num(counts.events / counts.batches, 1)} events per ` +
                'commit',
        ),
      );
      console.log(line('   CPU (100 % = one core busy)', shares.shares()));
      reportProblems(`ZeroTrip endpoint (PostgreSQL, ${label})`, run);
    });
    return { runs, roundTrips };
  } finally {
    for (const side of sides) await side.stop();
    for (const database of databases) await database.drop();
  }
}
if (withPg) {
  console.log('');
  const admin = knexFactory({ client: 'pg', connection: PG_ADMIN_URL, pool: { min: 0, max: 1 } });
  try {
    const figures = await pgFigures(admin, driver);
    pgRates.push(...figures.runs.map((run) => run.result.perSecond));
    pgRoundTrips = figures.roundTrips;
    const [one, two] = figures.runs;
    if (one && two) console.log(line('   two instances ÷ one', ratioByRound(two, one)));
    // Case after case, both instances' batches lock the same cases (a case's five approvals arrive at once,
    // alternated between them), so two instances mostly wait for each other's locks; department after
    // department no two events of a case are in flight together, as when five departments decide at their
    // own pace. The target is judged on the run's order; the other is printed beside it.
    if (order === 'case') {
      const [spreadOne, spreadTwo] = (await pgFigures(admin, { ...driver, order: 'spread' })).runs;
      if (spreadOne && spreadTwo) {
        pgSpreadScaling = spreadTwo.result.perSecond / spreadOne.result.perSecond;
        console.log(line('   two instances ÷ one, by department', ratioByRound(spreadTwo, spreadOne)));
      }
    }
  } finally {
    await admin.destroy();
  }
}
await driver.loader.stop();

// R. Reads that do not grow with the history or the tables.
let readsTargets: Target[] = [];
if (wanted('reads')) {
  console.log('');
  readsTargets = await readsFigure({ ...settings.reads, pgAdminUrl: withPg ? PG_ADMIN_URL : undefined });
}

const targets: Target[] = [
  {
    name: 'ZeroTrip ÷ reference ≥ 1.0',
    met: zerotrip && reference ? zerotrip.result.perSecond >= reference.result.perSecond : null,
    figure: zerotrip && reference ? ratio(zerotrip.result.perSecond / reference.result.perSecond) : '',
  },
  {
    name: `p99 ≤ 50 ms at ${CLIENTS} clients (ZeroTrip, SQLite)`,
    met: zerotrip ? zerotrip.result.p99 <= 50 : null,
    figure: zerotrip ? ms(zerotrip.result.p99) : '',
  },
  {
    name: '≥ 10× bpmn-engine per completed approval',
    met: bpmnRatio === undefined ? null : bpmnRatio >= 10,
    figure: bpmnRatio === undefined ? '' : ratio(bpmnRatio),
  },
  {
    name: 'memory flat after warm-up',
    met: memoryVerdict ? memoryVerdict.flat : null,
    figure: memoryVerdict?.short ?? '',
  },
  abuseTarget ?? { name: 'good p99 under a flood ≤ 1.5× alone (abuse)', met: null, figure: '' },
  {
    name: 'PostgreSQL, 1 instance ≥ 0.5× SQLite (1b ÷ 1, same rounds)',
    met: zerotrip && pgAlongside ? pgAlongside.result.perSecond >= 0.5 * zerotrip.result.perSecond : null,
    figure: zerotrip && pgAlongside ? ratio(pgAlongside.result.perSecond / zerotrip.result.perSecond) : '',
  },
  {
    name: 'PostgreSQL, 2 instances ≥ 1.3× one',
    met: pgRates.length === 2 ? pgRates[1]! >= 1.3 * pgRates[0]! : null,
    figure:
      pgRates.length === 2
        ? ratio(pgRates[1]! / pgRates[0]!) +
          (pgSpreadScaling === undefined ? '' : ` (by department ${ratio(pgSpreadScaling)})`)
        : '',
  },
  {
    name: 'PostgreSQL, ≤ 3 round trips per event',
    met: pgRoundTrips === undefined ? null : pgRoundTrips <= 3,
    figure: pgRoundTrips === undefined ? '' : num(pgRoundTrips, 2),
  },
  ...readsTargets,
];
console.log(`\n${targetsBlock(targets)}`);
if (problems.length) {
  console.log(`\nZeroTrip LOST OR REFUSED EVENTS — the figures above are not valid:\n${problems.join('\n')}`);
}
console.log(`\n(whole run ${num((performance.now() - runStarted) / 1000)} s)`);
process.exit(problems.length ? 1 : 0);
