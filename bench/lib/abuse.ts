/**
 * Figure 6 of `npm run bench`, abuse: ZeroTrip's events endpoint on SQLite under the good load of figure 1
 * (the driver's keep-alive clients, every department's APPROVE, `Prefer: return=minimal`), one server measured
 * under three conditions in alternating rounds (a b c, c b a, …): (a) alone; (b) while another process
 * (bench/flood-client.ts) sends 2,000 requests/s with `Authorization: Bearer garbage`, pipelined on 4
 * connections (one at a time per connection, the flood would be held to the server's latency); (c) while it
 * sends 50 anonymous `GET /metrics`/s. Before each (b) round the flood runs until the server refuses
 * it (the first 429: the failure limit is spent and the slowed 401s are behind), so that the round measures the
 * flood at its steady state; every flood stops after its round, and the flood process bounds itself in time
 * and count. Prints the good clients' transitions/s and p99 for each, the ratios (b)/(a) and (c)/(a), and how
 * the floods were answered; returns the target "good p99 under a flood within 1.5× of alone".
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.ts';
import type { FloodResult } from '../flood-client.ts';
import { startChild, type Child } from './child.ts';
import { measureSides, startZeroTrip, type Driver, type EndpointRun, type Side } from './endpoint.ts';
import type { LoadRequest } from './http-load.ts';
import { line, loadFigures, loadProblems, num, ratio, statusCounts, type Target } from './report.ts';

/** Cases per round and condition, warm-up cases per condition, rounds. */
export interface AbuseSettings {
  cases: number;
  warmupCases: number;
  rounds: number;
}

/** One flood: what is sent, how often, on how many connections, and the status that ends its ramp. */
interface FloodKind {
  label: string;
  request: LoadRequest;
  perSecond: number;
  connections: number;
  /** Requests pipelined on a connection before its answers come back, at most. */
  depth: number;
  rampUntil?: number;
}

const BAD_TOKENS: FloodKind = {
  label: 'bad tokens',
  request: {
    method: 'POST',
    path: '/api/v1/applications/00000000-0000-4000-8000-000000000000/events',
    token: 'garbage',
    body: JSON.stringify({ type: 'APPROVE' }),
  },
  perSecond: 2000,
  connections: 4,
  depth: 64,
  rampUntil: 429,
};
const SCRAPES: FloodKind = {
  label: 'scrapes',
  request: { method: 'GET', path: '/metrics', headers: { accept: 'text/plain' } },
  perSecond: 50,
  connections: 2,
  depth: 16,
};
/** The longest a flood runs (ramp and round together) and waits for its ramp, whatever happens. */
const FLOOD_MAX_SECONDS = 120;
const RAMP_MAX_SECONDS = 30;
/** The target: good p99 under a flood at most this multiple of alone. */
const P99_LIMIT = 1.5;

/** The rounds of one flood summed: counted requests and time, answers, CPU share weighted by time, ramps. */
function sum(floods: FloodResult[]) {
  const seconds = floods.reduce((n, f) => n + f.seconds, 0);
  const sent = floods.reduce((n, f) => n + f.sent, 0);
  const add = (into: Record<string, number>, from: Record<string, number>) => {
    for (const [status, n] of Object.entries(from)) into[status] = (into[status] ?? 0) + n;
  };
  const statuses: Record<string, number> = {};
  const rampStatuses: Record<string, number> = {};
  for (const f of floods) {
    add(statuses, f.statuses);
    add(rampStatuses, f.ramp.statuses);
  }
  return {
    sent,
    seconds,
    perSecond: sent / seconds,
    skipped: floods.reduce((n, f) => n + f.skipped, 0),
    statuses,
    cpu: floods.reduce((n, f) => n + f.cpu * f.seconds, 0) / seconds,
    ramps: floods.map((f) => f.ramp),
    rampStatuses,
  };
}

/** Measures and prints figure 6; returns the problems of the good load (non-200, lost approvals) and the target. */
export async function abuseFigure(
  driver: Driver,
  settings: AbuseSettings,
): Promise<{ problems: string[]; target: Target }> {
  const { cases, rounds } = settings;
  const config = loadConfig({ ...process.env, JWT_SECRET: driver.secret, METRICS_TOKEN: '' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zerotrip-bench-abuse-'));
  let flooder: Child | undefined;
  let server: Side | undefined;
  const floods: FloodResult[][] = [[], []];
  /** The server's CPU seconds in each round, per condition. */
  const cpu: number[][] = [[], [], []];
  let runs: EndpointRun[];
  try {
    flooder = await startChild({ script: 'flood-client.ts' });
    // Anonymous scrapes: /metrics as it is without METRICS_TOKEN.
    server = await startZeroTrip(driver, `sqlite:${path.join(dir, 'zerotrip.db')}`, {
      env: { METRICS_TOKEN: '' },
    });
    const base: Side = { ...server, memory: undefined };
    const baseUrl = base.baseUrls[0]!;
    const cpuSeconds = async () => {
      const { user, system } = await server!.cpu!();
      return (user + system) / 1e6;
    };
    const condition = (index: number, kind?: FloodKind): Side => ({
      ...base,
      async around(round) {
        if (kind)
          await flooder!.request('begin', {
            baseUrl,
            request: kind.request,
            perSecond: kind.perSecond,
            connections: kind.connections,
            depth: kind.depth,
            maxSeconds: FLOOD_MAX_SECONDS,
            rampUntil: kind.rampUntil,
            rampSeconds: RAMP_MAX_SECONDS,
          });
        const before = await cpuSeconds();
        try {
          return await round();
        } finally {
          cpu[index]!.push((await cpuSeconds()) - before);
          if (kind) floods[index - 1]!.push(await flooder!.request<FloodResult>('end'));
        }
      },
    });
    runs = await measureSides(
      driver,
      [condition(0), condition(1, BAD_TOKENS), condition(2, SCRAPES)],
      settings,
    );
  } finally {
    await flooder?.stop();
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const [alone, bad, scrape] = runs as [EndpointRun, EndpointRun, EndpointRun];
  const [badFlood, scrapeFlood] = floods.map(sum) as [ReturnType<typeof sum>, ReturnType<typeof sum>];

  const check = (run: EndpointRun) =>
    `[${num(run.result.statuses['200'] ?? 0)}/${num(run.result.requests)} × 200, ` +
    `${num(run.check.issuing)}/${num(run.check.cases)} issuing]`;
  const perRound = (run: EndpointRun) =>
    run.rounds.length > 1 ? ` (rounds ${run.rounds.map((r) => num(r)).join(', ')})` : '';
  // The server's CPU: its share of a core over the rounds, per good transition alone, and per flood request
  // (what it spent beyond the transitions at their cost alone, over the flood's requests).
  const serverCpu = cpu.map((rounds) => rounds.reduce((a, b) => a + b, 0));
  const perTransition = serverCpu[0]! / alone.result.requests;
  const cpuNote = (index: number, run: EndpointRun, flood?: ReturnType<typeof sum>) =>
    `server process ${num((serverCpu[index]! / run.result.seconds) * 100)} % of a core` +
    (flood
      ? `, about ${num(((serverCpu[index]! - run.result.requests * perTransition) / flood.sent) * 1e3, 2)} ms ` +
        `of CPU per flood request`
      : `, ${num(perTransition * 1e3, 2)} ms of CPU per transition`);
  const floodNote = (f: ReturnType<typeof sum>, kind: FloodKind) =>
    `${num(f.sent)} ${kind.label} sent in ${num(f.seconds, 1)} s (${num(f.perSecond)}/s` +
    `${f.skipped ? `, ${num(f.skipped)} skipped with every connection full` : ''}): ${statusCounts(f.statuses)}; ` +
    `flood process ${num(f.cpu * 100)} % of a core`;
  console.log(
    `6. ABUSE: ZeroTrip POST …/events (SQLite), 5 × ${num(rounds * cases)} APPROVE per condition, ` +
      `${rounds} round(s) alternating; RATE_LIMIT_AUTH_FAILURES ${config.rateLimits.authFailuresPerMinute}/min, ` +
      `METRICS_INTERVAL_SECONDS ${config.metrics.intervalSeconds}`,
  );
  console.log(line('   (a) alone', loadFigures(alone.result)) + `   ${check(alone)}${perRound(alone)}`);
  console.log(`       ${cpuNote(0, alone)}`);
  console.log(
    line(
      `   (b) + ${num(BAD_TOKENS.perSecond)} bad tokens/s, ${BAD_TOKENS.connections} pipelined connections`,
      loadFigures(bad.result),
    ) + `   ${check(bad)}${perRound(bad)}`,
  );
  const ramp = badFlood.ramps.map((r) => `${num(r.seconds, 1)} s${r.reached ? '' : ' (no 429)'}`).join(', ');
  console.log(
    `       ${floodNote(badFlood, BAD_TOKENS)}\n       ${cpuNote(1, bad, badFlood)}; before the rounds, ` +
      `until the first 429: ${ramp} (${statusCounts(badFlood.rampStatuses)})`,
  );
  console.log(
    line(
      `   (c) + ${num(SCRAPES.perSecond)} anonymous GET /metrics/s, ${SCRAPES.connections} connections`,
      loadFigures(scrape.result),
    ) + `   ${check(scrape)}${perRound(scrape)}`,
  );
  console.log(`       ${floodNote(scrapeFlood, SCRAPES)}\n       ${cpuNote(2, scrape, scrapeFlood)}`);
  const ratios = (run: EndpointRun) => ({
    throughput: run.result.perSecond / alone.result.perSecond,
    p99: run.result.p99 / alone.result.p99,
  });
  const badRatio = ratios(bad);
  const scrapeRatio = ratios(scrape);
  for (const [label, r] of [
    ['(b) ÷ (a), bad tokens', badRatio],
    ['(c) ÷ (a), scrapes', scrapeRatio],
  ] as const) {
    console.log(line(`   ratio ${label}`, `throughput ${ratio(r.throughput)}   p99 ${ratio(r.p99)}`));
  }

  const problems: string[] = [];
  for (const [label, run] of [
    ['alone', alone],
    ['under bad tokens', bad],
    ['under scrapes', scrape],
  ] as const) {
    const found = loadProblems(run.result, run.check);
    if (!found) continue;
    problems.push(`ZeroTrip endpoint (SQLite) ${label}:\n${found}`);
    console.log(`   !! ZeroTrip ${label} misbehaved:\n${found.replace(/^/gm, '      ')}`);
  }
  return {
    problems,
    target: {
      name: `good p99 under a flood ≤ ${P99_LIMIT}× alone (abuse)`,
      met: badRatio.p99 <= P99_LIMIT && scrapeRatio.p99 <= P99_LIMIT,
      figure: `bad tokens ${ratio(badRatio.p99)}, scrapes ${ratio(scrapeRatio.p99)}`,
    },
  };
}
