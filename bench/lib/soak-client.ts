/**
 * The soak's load child (started by bench/soak.ts, never in the server's event loop). `start` sets the traffic
 * going and answers at once: `journeys` case journeys at a time (bench/lib/soak-journeys.ts), each starting the
 * next when it ends, all paced to `rate` requests/s, and a `GET /metrics` scrape every `scrapeSeconds`.
 * `window` answers what the traffic saw since the last `window` (bench/lib/soak-stats.ts); `finish` lets the
 * journeys in flight end, starts no more, and answers the last window.
 */
import http from 'node:http';
import { serve } from './child.ts';
import { signTokens } from './permit.ts';
import { journey, Pacer, scrape, SoakShared, type SoakTarget } from './soak-journeys.ts';
import { SoakRecorder } from './soak-stats.ts';

/**
 * A keep-alive connection idle this long is closed by the client, before the server's keep-alive timeout
 * (Node's 5 s) closes it: otherwise a request sent on it just as the server's FIN arrives fails with
 * ECONNRESET, the known keep-alive race, which says nothing about the service.
 */
const IDLE_MS = 4000;

const recorder = new SoakRecorder();
let stopping = false;
let running: Promise<unknown> | undefined;
let journeysStarted = 0;

function start(message: Record<string, unknown>): { started: true } {
  const target: SoakTarget = {
    agent: new http.Agent({ keepAlive: true, maxSockets: 64, timeout: IDLE_MS }),
    baseUrl: message.baseUrl as string,
    tokens: signTokens(message.secret as string),
    recorder,
    pacer: new Pacer(message.rate as number),
  };
  const shared = new SoakShared();
  const worker = async () => {
    while (!stopping) {
      const outcome = await journey(target, shared, journeysStarted++);
      if (outcome) recorder.caseDone(outcome);
    }
  };
  const scraper = async () => {
    const every = (message.scrapeSeconds as number) * 1000;
    while (!stopping) {
      const started = performance.now();
      await scrape(target, message.metricsToken as string);
      const rest = every - (performance.now() - started);
      if (rest > 0 && !stopping) await new Promise((resolve) => setTimeout(resolve, rest));
    }
  };
  running = Promise.all([...Array.from({ length: message.journeys as number }, worker), scraper()]).finally(
    () => target.agent.destroy(),
  );
  return { started: true };
}

serve(
  { pid: process.pid },
  {
    start,
    window: () => recorder.take(),
    finish: async () => {
      stopping = true;
      await running;
      return { ...recorder.take(), journeys: journeysStarted };
    },
  },
  () => {},
);
