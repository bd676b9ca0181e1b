/**
 * The flood generator of the abuse figure, a process of its own (started by bench/run.ts through
 * bench/lib/abuse.ts, never in the server's or the good load generator's event loop). `begin` starts sending one
 * request over and over at a fixed rate on a few keep-alive connections, pipelined (bench/lib/http-load.ts
 * `Pipeline`: at most `depth` unanswered requests per connection; open loop: a request that falls due while
 * every connection has `depth` waiting is skipped and counted, never queued), optionally waits (at most
 * `rampSeconds`) until the server first answers with a given status (the flood has reached its steady state,
 * e.g. 429), and starts counting;
 * `end` stops it and reports how the flood was answered. Bounded: only to 127.0.0.1, at most `maxSeconds`
 * after `begin` and `perSecond × maxSeconds` requests, whatever the parent does; it exits with its parent.
 * Run through `npm run bench`; on its own it does nothing.
 */
import { serve } from './lib/child.ts';
import { Pipeline, requestBytes, type LoadRequest } from './lib/http-load.ts';

/** How a flood was answered while it was counted. */
export interface FloodResult {
  /** Requests sent, answered or failed. */
  sent: number;
  /** Requests that fell due while every connection had `depth` requests waiting for their answers. */
  skipped: number;
  seconds: number;
  perSecond: number;
  /** Answers by status code (`error` for a failed connection). */
  statuses: Record<string, number>;
  /** CPU time of this process over the counted time, as a share of one core. */
  cpu: number;
  /** Time from `begin` to the first answer with the awaited status (0 when none was awaited), and answers then. */
  ramp: { seconds: number; statuses: Record<string, number>; reached: boolean };
}

/** How long `end` waits for the answers still on their way (a slowed 401 takes up to 2 s). */
const DRAIN_MS = 5_000;
const TICK_MS = 5;

interface Flood {
  timer: NodeJS.Timeout;
  pipelines: Pipeline[];
  inFlight: Set<Promise<void>>;
  sent: number;
  skipped: number;
  statuses: Record<string, number>;
  countedFrom: number;
  cpuFrom: NodeJS.CpuUsage;
  ramp: FloodResult['ramp'];
}

let flood: Flood | null = null;

async function begin(message: Record<string, unknown>) {
  if (flood) throw new Error('a flood is already running');
  const baseUrl = message.baseUrl as string;
  if (new URL(baseUrl).hostname !== '127.0.0.1')
    throw new Error(`the flood goes to 127.0.0.1 only, not ${baseUrl}`);
  const request = message.request as LoadRequest;
  const perSecond = message.perSecond as number;
  const connections = message.connections as number;
  const depth = message.depth as number;
  const maxSeconds = message.maxSeconds as number;
  const awaited = message.rampUntil as number | undefined;
  const rampSeconds = Math.min(message.rampSeconds as number, maxSeconds);
  const maxRequests = Math.ceil(perSecond * maxSeconds);
  const bytes = requestBytes(baseUrl, request);
  const started = performance.now();
  let reachedAt: number | null = awaited === undefined ? started : null;
  let reached: () => void = () => {};
  const steady = new Promise<void>((resolve) => (reached = resolve));
  let scheduled = 0;

  const state: Flood = {
    pipelines: Array.from({ length: connections }, () => new Pipeline(baseUrl)),
    inFlight: new Set(),
    sent: 0,
    skipped: 0,
    statuses: {},
    countedFrom: started,
    cpuFrom: process.cpuUsage(),
    ramp: { seconds: 0, statuses: {}, reached: awaited === undefined },
    timer: setInterval(() => {
      const elapsed = (performance.now() - started) / 1000;
      const due = Math.min(maxRequests, Math.floor(elapsed * perSecond));
      for (; scheduled < due; scheduled++) {
        // The connection with the fewest requests waiting, if one has room.
        const pipeline = state.pipelines.reduce((a, b) => (b.outstanding < a.outstanding ? b : a));
        if (pipeline.outstanding >= depth) {
          state.skipped++;
          continue;
        }
        state.sent++;
        // An answer counts with the phase (ramp or counted) its request was sent in.
        const statuses = state.statuses;
        const one: Promise<void> = pipeline
          .send(bytes)
          .then((status) => {
            statuses[status] = (statuses[status] ?? 0) + 1;
            if (reachedAt === null && status === awaited) {
              reachedAt = performance.now();
              reached();
            }
          })
          .finally(() => state.inFlight.delete(one));
        state.inFlight.add(one);
      }
      if (elapsed >= maxSeconds || scheduled >= maxRequests) {
        clearInterval(state.timer);
        reached();
      }
    }, TICK_MS),
  };
  flood = state;
  if (awaited !== undefined) {
    await Promise.race([steady, new Promise((resolve) => setTimeout(resolve, rampSeconds * 1000).unref())]);
    // The ramp is over (or the time is): count from here.
    state.ramp = {
      seconds: ((reachedAt ?? performance.now()) - started) / 1000,
      statuses: state.statuses,
      reached: reachedAt !== null,
    };
    state.statuses = {};
    state.sent = 0;
    state.skipped = 0;
    state.countedFrom = performance.now();
    state.cpuFrom = process.cpuUsage();
  }
  return state.ramp;
}

async function end(): Promise<FloodResult> {
  const state = flood;
  if (!state) throw new Error('no flood is running');
  clearInterval(state.timer);
  const seconds = (performance.now() - state.countedFrom) / 1000;
  const cpu = process.cpuUsage(state.cpuFrom);
  await Promise.race([
    Promise.all(state.inFlight),
    new Promise((resolve) => setTimeout(resolve, DRAIN_MS).unref()),
  ]);
  for (const pipeline of state.pipelines) pipeline.close();
  flood = null;
  return {
    sent: state.sent,
    skipped: state.skipped,
    seconds,
    perSecond: state.sent / seconds,
    statuses: state.statuses,
    cpu: (cpu.user + cpu.system) / 1e6 / seconds,
    ramp: state.ramp,
  };
}

serve({ pid: process.pid }, { begin, end }, () => {
  if (!flood) return;
  clearInterval(flood.timer);
  for (const pipeline of flood.pipelines) pipeline.close();
});
