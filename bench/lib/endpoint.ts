/**
 * The transition endpoint under load, for ZeroTrip and for the reference handler alike: each side is a server
 * in a child process, driven by the load generator child (bench/load-client.ts). Cases are set up (not timed),
 * a warm-up set is approved, then the measured approvals run in rounds that alternate the sides (A B, B A, …)
 * so that drift on a shared machine falls on both; at the end every measured case must be issuing. Several
 * sides may be one server measured under different conditions (`around`, as the abuse figure does).
 */
import type { Child } from './child.ts';
import { startChild } from './child.ts';
import { combine, type LoadResult } from './http-load.ts';

/** How many measured cases reached the issuing state. */
export interface Check {
  cases: number;
  issuing: number;
  others: string[];
}

/** A process's memory after a full collection. */
export interface MemoryUsage {
  rssMb: number;
  heapUsedMb: number;
  gc: boolean;
}

/** A server under test. */
export interface Side {
  baseUrls: string[];
  /** Files `count` cases brought to review; returns their ids. */
  setup(count: number): Promise<string[]>;
  check(ids: string[]): Promise<Check>;
  /** The server's memory (one instance), when it can tell. */
  memory?(): Promise<MemoryUsage>;
  /** The server's CPU time so far (one instance, `process.cpuUsage()`), when it can tell. */
  cpu?(): Promise<NodeJS.CpuUsage>;
  /** The pid of each server process, when there are such (the CPU shares of bench/lib/process-cpu.ts). */
  pids?: number[];
  /** What each instance's group commit has carried so far (batches, events, statements sent). */
  groupCommits?(): Promise<GroupCommitStats[]>;
  /** Send an Idempotency-Key with every approval. */
  idempotency?: boolean;
  /** Runs each measured round of this side, e.g. with a flood started before and stopped after it. */
  around?<T>(round: () => Promise<T>): Promise<T>;
  stop(): Promise<void>;
}

/** A group commit's counts (src/db/event-store.ts `GroupCommit.stats`). */
export interface GroupCommitStats {
  batches?: number;
  events?: number;
  queries?: number;
}

/** What the measured rounds of one side showed. */
export interface EndpointRun {
  /** All rounds pooled: requests over the summed time, percentiles of every latency. */
  result: LoadResult;
  /** transitions/s of each round. */
  rounds: number[];
  check: Check;
  memory?: { warm: MemoryUsage; after: MemoryUsage };
}

/** The load generator and what every request needs. */
export interface Driver {
  loader: Child;
  secret: string;
  clients: number;
  order: 'case' | 'spread';
}

/**
 * Starts ZeroTrip (bench/zerotrip-server.ts) on `databaseUrl`: `instances` processes, one after the other,
 * with `env` added to their environment.
 */
export async function startZeroTrip(
  driver: Driver,
  databaseUrl: string,
  options: { instances?: number; idempotency?: boolean; env?: Record<string, string> } = {},
): Promise<Side> {
  const servers: Child<{ port: number }>[] = [];
  try {
    for (let i = 0; i < (options.instances ?? 1); i++) {
      servers.push(
        await startChild<{ port: number }>({
          script: 'zerotrip-server.ts',
          env: {
            ...options.env,
            DATABASE_URL: databaseUrl,
            JWT_SECRET: driver.secret,
            LOG_LEVEL: 'silent',
            PORT: '0',
          },
          exposeGc: true,
        }),
      );
    }
  } catch (error) {
    for (const server of servers) await server.stop();
    throw error;
  }
  const baseUrls = servers.map((s) => `http://127.0.0.1:${s.ready.port}`);
  return {
    baseUrls,
    idempotency: options.idempotency,
    setup: (count) =>
      driver.loader.request<string[]>('setup', { baseUrls, cases: count, secret: driver.secret }),
    check: (ids) => driver.loader.request<Check>('check', { baseUrls, ids, secret: driver.secret }),
    memory: () => servers[0]!.request<MemoryUsage>('memory'),
    cpu: () => servers[0]!.request<NodeJS.CpuUsage>('cpu'),
    pids: servers.map((s) => s.process.pid!),
    groupCommits: () => Promise.all(servers.map((s) => s.request<GroupCommitStats>('stats'))),
    async stop() {
      for (const server of servers) await server.stop();
    },
  };
}

/** Starts the reference handler (bench/reference-server.ts); it sets up and checks its cases itself. */
export async function startReference(driver: Driver): Promise<Side> {
  const server = await startChild<{ port: number }>({
    script: 'reference-server.ts',
    env: { JWT_SECRET: driver.secret, PORT: '0' },
  });
  return {
    baseUrls: [`http://127.0.0.1:${server.ready.port}`],
    setup: (count) => server.request<string[]>('setup', { cases: count }),
    check: (ids) => server.request<Check>('check', { ids }),
    memory: () => server.request<MemoryUsage>('memory'),
    stop: () => server.stop(),
  };
}

/**
 * Measures `sides` under the same load: `rounds` × `cases` cases each (plus `warmupCases` approved first),
 * every department's APPROVE from `driver.clients` clients, the sides alternating round by round.
 */
export async function measureSides(
  driver: Driver,
  sides: Side[],
  options: { cases: number; warmupCases: number; rounds: number },
): Promise<EndpointRun[]> {
  const { cases, warmupCases, rounds } = options;
  const approve = (side: Side, ids: string[]) =>
    driver.loader.request<LoadResult>('approve', {
      baseUrls: side.baseUrls,
      ids,
      secret: driver.secret,
      concurrency: driver.clients,
      idempotency: side.idempotency === true,
      order: driver.order,
    });
  const ids: string[][] = [];
  const warm: Array<MemoryUsage | undefined> = [];
  for (const side of sides) {
    const all = await side.setup(rounds * cases + warmupCases);
    await approve(side, all.slice(rounds * cases));
    warm.push(await side.memory?.());
    ids.push(all.slice(0, rounds * cases));
  }
  const results: LoadResult[][] = sides.map(() => []);
  for (let round = 0; round < rounds; round++) {
    const order = sides.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) {
      const side = sides[i]!;
      const measure = () => approve(side, ids[i]!.slice(round * cases, (round + 1) * cases));
      results[i]!.push(await (side.around ? side.around(measure) : measure()));
    }
  }
  const runs: EndpointRun[] = [];
  for (const [i, side] of sides.entries()) {
    const after = await side.memory?.();
    const before = warm[i];
    runs.push({
      result: combine(results[i]!),
      rounds: results[i]!.map((r) => r.perSecond),
      check: await side.check(ids[i]!),
      memory: before && after ? { warm: before, after } : undefined,
    });
  }
  return runs;
}
