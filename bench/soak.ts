/**
 * `npm run bench -- --soak`: the real service (bench/zerotrip-server.ts, a process of its own) under steady
 * mixed traffic from a load child (bench/lib/soak-client.ts) for 30 minutes — enterprises filing cases with
 * their papers (multipart uploads and reuses), the window and the departments acting to the end (approvals,
 * supplement requests with a refused and an answered supplement, denials, issues), reads (case views, the case
 * list, inboxes, histories), public licence checks and `GET /metrics` scrapes with the scrape token — every
 * case checked as it goes and at its end (bench/lib/soak-journeys.ts); the server runs its background work too
 * (timers, the outbox, the sweeps), as `npm start` does. Every minute one line: requests and
 * p50/p99 by kind, errors, the server's RSS and heap after a forced collection, its file descriptors and CPU.
 * At the end the verdict (bench/lib/soak-verdict.ts says which bounds and why); exit 1 unless it passes.
 *
 * Options (after `--soak`): `--soak-minutes N` (default 30), `--soak-rate R` requests/s (default 60),
 * `--pg` on a fresh PostgreSQL database (PG_ADMIN_URL, created as zerotrip_soak_<hex> and dropped after)
 * instead of a SQLite file in a temporary folder.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startChild, type Child } from './lib/child.ts';
import { freshPgDatabase } from './lib/pg-database.ts';
import type { MemoryUsage } from './lib/endpoint.ts';
import { SOAK_KINDS, type SoakWindow } from './lib/soak-stats.ts';
import {
  judge,
  SOCKET_SLACK,
  type Descriptors,
  type MemorySample,
  type SoakMinute,
} from './lib/soak-verdict.ts';

/** Journeys in flight together: enough to hold the rate while one waits on another's commit. */
const JOURNEYS = 16;
/** A scrape every 15 s, as a Prometheus server's default interval would. */
const SCRAPE_SECONDS = 15;
/**
 * The server's memory is read (after a forced full collection) four times a minute: enough points for a slope
 * over half a short run, and a pause the server takes as evenly in the last minutes as in the first.
 */
const MEMORY_SAMPLES_PER_MINUTE = 4;

/** What the soak is told on the command line. */
export interface SoakOptions {
  minutes: number;
  rate: number;
  pg: boolean;
  pgAdminUrl: string;
}

/** Reads `--soak-minutes`, `--soak-rate` and `--pg`; throws on a value that is not a positive whole number. */
export function soakOptions(argv: readonly string[], pgAdminUrl: string): SoakOptions {
  const number = (flag: string, fallback: number) => {
    const i = argv.indexOf(flag);
    if (i < 0) return fallback;
    const value = Number(argv[i + 1]);
    if (!(Number.isInteger(value) && value > 0)) {
      throw new Error(`${flag} takes a positive whole number, got ${argv[i + 1] ?? 'nothing'}`);
    }
    return value;
  };
  return {
    minutes: number('--soak-minutes', 30),
    rate: number('--soak-rate', 60),
    pg: argv.includes('--pg'),
    pgAdminUrl,
  };
}

/** Open file descriptors of a process (Linux); null where /proc cannot tell. */
function descriptors(pid: number): Descriptors | null {
  try {
    const dir = `/proc/${pid}/fd`;
    let sockets = 0;
    let others = 0;
    for (const fd of fs.readdirSync(dir)) {
      let target = '';
      try {
        target = fs.readlinkSync(path.join(dir, fd));
      } catch {
        continue; // closed while we looked
      }
      if (target.startsWith('socket:')) sockets++;
      else others++;
    }
    return { sockets, others };
  } catch {
    return null;
  }
}

const fdText = (fds: Descriptors | null) => (fds ? `fds ${fds.others} + ${fds.sockets} sockets` : 'fds ?');

const pad = (text: string | number, width: number) => String(text).padStart(width);

/** The minute's line: totals, then `kind n p50/p99` for each kind seen, then the server. */
function minuteLine(m: SoakMinute, cpuPercent: number): string {
  const w = m.window;
  const kinds = SOAK_KINDS.flatMap((kind) => {
    const k = w.byKind[kind];
    return k ? [`${kind} ${k.requests} ${k.p50.toFixed(0)}/${k.p99.toFixed(0)}`] : [];
  });
  const cases = Object.entries(w.cases)
    .map(([outcome, n]) => `${n} ${outcome}`)
    .join(', ');
  return (
    `min ${pad(m.minute, 2)} | ${pad(w.requests, 5)} req ${pad((w.requests / w.seconds).toFixed(0), 3)}/s, ` +
    `${w.errors} err | cases ${cases || 'none'} | ${kinds.join(' · ')} (n p50/p99 ms) | ` +
    `RSS ${m.memory.rssMb.toFixed(0)} MB, heap ${m.memory.heapMb.toFixed(1)} MB, ${fdText(m.fds)}, CPU ${cpuPercent.toFixed(0)}% | load ${os.loadavg()[0]!.toFixed(1)}`
  );
}

/** A fresh database for the server: a SQLite file in `dir`, or a PostgreSQL database dropped by `drop`. */
async function freshDatabase(
  options: SoakOptions,
  dir: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  if (!options.pg) return { url: `sqlite:${path.join(dir, 'zerotrip.db')}`, drop: async () => {} };
  return freshPgDatabase(options.pgAdminUrl, 'zerotrip_soak');
}

/** Runs the soak and prints it; answers the exit code (0 when the verdict passes). */
export async function runSoak(options: SoakOptions): Promise<number> {
  const secret = randomBytes(32).toString('hex');
  const metricsToken = randomBytes(16).toString('hex');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zerotrip-soak-'));
  const database = await freshDatabase(options, dir);
  let server: Child<{ port: number; pid: number }> | undefined;
  let loader: Child | undefined;
  try {
    server = await startChild<{ port: number; pid: number }>({
      script: 'zerotrip-server.ts',
      env: {
        DATABASE_URL: database.url,
        DATA_DIR: dir,
        JWT_SECRET: secret,
        METRICS_TOKEN: metricsToken,
        LOG_LEVEL: 'silent',
        PORT: '0',
        // Timers, the outbox and the sweeps run as they do in the server.
        BENCH_BACKGROUND: '1',
      },
      exposeGc: true,
    });
    loader = await startChild({ script: 'lib/soak-client.ts' });
    const pid = server.ready.pid;
    console.log(
      `ZeroTrip soak — ${new Date().toISOString()}, ${options.minutes} min on ` +
        `${options.pg ? 'PostgreSQL' : 'SQLite'}, ${options.rate} requests/s from ${JOURNEYS} case journeys ` +
        `at a time (7 in 10 approved and issued, 2 supplemented first, 1 denied), a scrape every ` +
        `${SCRAPE_SECONDS} s; ${os.cpus().length} CPUs, Node ${process.version}`,
    );
    const before = await server.request<MemoryUsage>('memory');
    const fdsBefore = descriptors(pid);
    console.log(
      `min  0 | before the traffic: RSS ${before.rssMb.toFixed(0)} MB, heap ${before.heapUsedMb.toFixed(1)} MB, ` +
        fdText(fdsBefore),
    );
    await loader.request('start', {
      baseUrl: `http://127.0.0.1:${server.ready.port}`,
      secret,
      metricsToken,
      rate: options.rate,
      journeys: JOURNEYS,
      scrapeSeconds: SCRAPE_SECONDS,
    });

    const minutes: SoakMinute[] = [];
    const samples: MemorySample[] = [];
    const started = performance.now();
    const sleepUntil = async (minute: number) => {
      const wait = started + minute * 60_000 - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    };
    const sample = async (at: number): Promise<MemorySample> => {
      const memory = await server!.request<MemoryUsage>('memory');
      const taken = { at, rssMb: memory.rssMb, heapMb: memory.heapUsedMb };
      samples.push(taken);
      return taken;
    };
    let cpuBefore = await server.request<NodeJS.CpuUsage>('cpu');
    let cpuAt = performance.now();
    for (let minute = 1; minute <= options.minutes; minute++) {
      for (let i = 1; i < MEMORY_SAMPLES_PER_MINUTE; i++) {
        const at = minute - 1 + i / MEMORY_SAMPLES_PER_MINUTE;
        await sleepUntil(at);
        await sample(at);
      }
      await sleepUntil(minute);
      const window = await loader.request<SoakWindow>('window');
      const cpu = await server.request<NodeJS.CpuUsage>('cpu');
      const now = performance.now();
      const cpuPercent =
        ((cpu.user + cpu.system - cpuBefore.user - cpuBefore.system) / 1000 / (now - cpuAt)) * 100;
      cpuBefore = cpu;
      cpuAt = now;
      const m: SoakMinute = { minute, window, memory: await sample(minute), fds: descriptors(pid) };
      minutes.push(m);
      console.log(minuteLine(m, cpuPercent));
      for (const text of window.samples) console.log(`        !! ${text}`);
    }

    const last = await loader.request<SoakWindow & { journeys: number }>('finish');
    await loader.stop();
    loader = undefined;
    // The server closes its side of the load child's connections as their ends arrive: give it a moment.
    let fdsAfter = descriptors(pid);
    for (
      let i = 0;
      i < 20 && fdsBefore && fdsAfter && fdsAfter.sockets > fdsBefore.sockets + SOCKET_SLACK;
      i++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      fdsAfter = descriptors(pid);
    }
    const finished = Object.entries(last.cases)
      .map(([outcome, n]) => `${n} ${outcome}`)
      .join(', ');
    console.log(
      `after  | the journeys in flight ended: ${last.requests} requests, ${last.errors} errors, ` +
        `cases ${finished || 'none'}; ${last.journeys} journeys in all`,
    );
    for (const sample of last.samples) console.log(`        !! ${sample}`);
    const verdict = judge(minutes, samples, { before: fdsBefore, after: fdsAfter }, last.errors);
    console.log(`\nverdict: ${verdict.ok ? 'PASS' : 'FAIL'}`);
    for (const line of verdict.lines) console.log(`  ${line}`);
    return verdict.ok ? 0 : 1;
  } finally {
    await loader?.stop();
    await server?.stop();
    await database.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
