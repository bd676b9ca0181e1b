import type { Logger } from 'pino';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../db/index.ts';
import type { Clock } from '../engine/clock.ts';
import type { WorkflowRegistry } from '../engine/registry.ts';
import { scrapeFigures, type ScrapeFigures } from './scrape-figures.ts';

/** What the exposition reads from. */
export interface PrometheusDeps {
  db: Database;
  registry: WorkflowRegistry;
  clock: Clock;
  logger: Logger;
  /** How long one read of the database figures serves scrapes (by `clock`); 0 reads at every scrape. */
  intervalSeconds: number;
}

/** The service's metrics: a registry of its own, the request observer and the exposition text. */
export interface Prometheus {
  readonly contentType: string;
  /** Counts and times one answered request; `route` is the route pattern, never the raw URL. */
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  /**
   * The text exposition (format 0.0.4), with the database gauges at most `intervalSeconds` old and the
   * process's standard metrics at most a second old.
   */
  metrics(): Promise<string>;
}

/**
 * Builds the metrics on a dedicated registry. Request counters live in this process (Prometheus sums the
 * instances); every figure about cases and tasks is a gauge read from the database at scrape time through
 * `collect()`, so that every instance reports the same and a restart loses nothing.
 */
export function createPrometheus(deps: PrometheusDeps): Prometheus {
  const registry = new Registry();
  const registers = [registry];
  const processText = processMetrics();

  const labels = ['method', 'route', 'status'] as const;
  const requests = new Counter({
    name: 'zerotrip_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: labels,
    registers,
  });
  const durations = new Histogram({
    name: 'zerotrip_http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by method, route pattern and status',
    labelNames: labels,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });

  // The gauges of one scrape share one read of the database, so the figures agree with each other; and the
  // read serves every scrape for an interval, so that scrapers (or anyone calling /metrics in a loop) cannot
  // turn into a database load. A failed read is kept too: a database in trouble gets no extra queries.
  const intervalMs = deps.intervalSeconds * 1000;
  let last: { at: number; figures: Promise<ScrapeFigures | null>; settled: boolean } | null = null;
  const figures = () => {
    const now = deps.clock.now();
    const age = last ? now.getTime() - last.at : Infinity;
    if (last && (!last.settled || (age >= 0 && age < intervalMs))) return last.figures;
    const read: NonNullable<typeof last> = {
      at: now.getTime(),
      settled: false,
      figures: scrapeFigures(deps.db, deps.registry, now)
        .catch((error: unknown) => {
          deps.logger.warn({ err: error }, 'metrics: the database figures could not be read');
          return null;
        })
        .finally(() => {
          read.settled = true;
        }),
    };
    last = read;
    return read.figures;
  };

  /** A gauge whose samples are set from the figures at each scrape (none when the database did not answer). */
  const fromFigures = <L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    samples: (f: ScrapeFigures) => Array<[Partial<Record<L, string | number>>, number | null]>,
  ) =>
    new Gauge<L>({
      name,
      help,
      labelNames,
      registers,
      async collect() {
        const f = await figures();
        this.reset();
        for (const [labelValues, value] of f ? samples(f) : []) {
          if (value !== null) this.set(labelValues, value);
        }
      },
    });

  fromFigures('zerotrip_tasks_open', 'Open tasks per department', ['department'], (f) =>
    f.backlog.map((r) => [{ department: r.department }, r.open]),
  );
  fromFigures('zerotrip_tasks_overdue', 'Open tasks past their due day, clock running', ['department'], (f) =>
    f.backlog.map((r) => [{ department: r.department }, r.overdue]),
  );
  fromFigures(
    'zerotrip_cases_open',
    'Cases not concluded, per workflow and status',
    ['workflow', 'status'],
    (f) => f.openCases.map((c) => [{ workflow: c.workflow, status: c.status }, c.count]),
  );
  const perWorkflow =
    (pick: (row: ScrapeFigures['approvals'][number] | undefined) => number | null) =>
    (f: ScrapeFigures): Array<[{ workflow: string }, number | null]> =>
      f.workflows.map((workflow) => [{ workflow }, pick(f.approvals.find((r) => r.group === workflow))]);
  fromFigures(
    'zerotrip_cases_overdue',
    'Open cases past their deadline, clock running, per workflow',
    ['workflow'],
    perWorkflow((r) => r?.overdueOpen ?? 0),
  );
  fromFigures(
    'zerotrip_approval_decided_cases',
    'Cases decided after acceptance (approved, denied, concluded) with stored figures, per workflow',
    ['workflow'],
    perWorkflow((r) => r?.concluded ?? 0),
  );
  const durationsOf: Array<[string, string, (r: ScrapeFigures['approvals'][number]) => number | null]> = [
    ['mean', 'Mean', (r) => r.meanWorkingDays],
    ['median', 'Median', (r) => r.medianWorkingDays],
    ['p90', '90th percentile (linear interpolation) of', (r) => r.p90WorkingDays],
    ['max', 'Longest', (r) => r.maxWorkingDays],
  ];
  for (const [suffix, what, pick] of durationsOf) {
    fromFigures(
      `zerotrip_approval_net_working_days_${suffix}`,
      `${what} net working days (stopped clock excluded) from acceptance to decision, per workflow`,
      ['workflow'],
      perWorkflow((r) => (r && r.concluded ? pick(r) : null)),
    );
  }
  fromFigures(
    'zerotrip_approval_on_time_ratio',
    'Share of decided cases within their limit, per workflow',
    ['workflow'],
    perWorkflow((r) => (r && r.concluded ? r.onTimeRate : null)),
  );
  fromFigures(
    'zerotrip_calendar_missing',
    'Whether a year that a stored figure or an open deadline needs has no published holiday calendar (1)',
    ['year'],
    (f) => f.calendar.map((c) => [{ year: c.year }, c.missing ? 1 : 0]),
  );
  fromFigures(
    'zerotrip_timers_dead',
    'Timers parked after their last failed attempt (see /api/v1/admin/timers)',
    [],
    (f) => [[{}, f.deadTimers]],
  );
  fromFigures(
    'zerotrip_outbox_dead',
    'Outbox messages (webhooks) parked after their last failed delivery (see /api/v1/admin/outbox)',
    [],
    (f) => [[{}, f.deadOutbox]],
  );
  fromFigures(
    'zerotrip_investment_reviews_decided',
    'Investment pre-reviews decided by a panel (passed, passed with conditions, rejected)',
    [],
    (f) => [[{}, f.investmentReviews.decided]],
  );
  fromFigures(
    'zerotrip_investment_reviews_passed',
    'Investment pre-reviews passed by a panel, with or without conditions',
    [],
    (f) => [[{}, f.investmentReviews.passed]],
  );
  fromFigures(
    'zerotrip_licences_unreported_overdue',
    'Licences not reported to the provincial platform within 5 working days of their issue (LICENCE_REPORT_URL)',
    [],
    (f) => [[{}, f.licencesUnreported]],
  );
  new Gauge({
    name: 'zerotrip_metrics_database_up',
    help: 'Whether this scrape read its figures from the database (0: the database gauges are absent)',
    registers,
    async collect() {
      this.set((await figures()) ? 1 : 0);
    },
  });

  return {
    contentType: registry.contentType,
    observeRequest(method, route, status, seconds) {
      const values = { method, route, status: String(status) };
      requests.inc(values);
      durations.observe(values, seconds);
    },
    async metrics() {
      const [standard, own] = await Promise.all([processText(), registry.metrics()]);
      return standard + own;
    },
  };
}

/** How long one exposition of the process's own metrics serves scrapes. */
const PROCESS_METRICS_MAX_AGE_MS = 1000;

/**
 * The process's standard metrics (CPU, memory, event-loop delay, handles, descriptors: prom-client's defaults)
 * as exposition text, taken again at most once a second. Collecting them costs three times as much as all of
 * the service's own (event-loop percentiles, /proc reads); a scraper looks every 15 s or so, and a caller
 * scraping in a loop gets the same second's figures instead of taking the event loop from the requests. The
 * request counters and the database gauges are not kept this way: a request counts at its next scrape.
 * `now` is a monotonic clock in milliseconds (tests set it).
 */
export function processMetrics(now: () => number = () => performance.now()): () => Promise<string> {
  const defaults = new Registry();
  collectDefaultMetrics({ register: defaults });
  let last: { at: number; text: Promise<string> } | null = null;
  return () => {
    const at = now();
    if (last && at - last.at < PROCESS_METRICS_MAX_AGE_MS) return last.text;
    // Each registry's text ends with a newline, so the two join as one exposition. A collection that fails is
    // kept for its second like any other: the scrape answers 500, and the next second collects again.
    last = { at, text: defaults.metrics() };
    return last.text;
  };
}
