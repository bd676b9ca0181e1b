/**
 * What the soak's traffic saw over one window (a minute): requests and latencies by kind, and errors — any
 * answer the scenario did not expect, any network error and any case that did not end where it should. The
 * load child keeps one {@link SoakRecorder} and hands the parent a {@link SoakWindow} each minute.
 */
import { percentile } from './http-load.ts';

/** The kinds of request the soak sends, in the order the minute line prints them. */
export const SOAK_KINDS = [
  'create',
  'upload',
  'reuse',
  'event',
  'view',
  'list',
  'inbox',
  'history',
  'licence',
  'metrics',
] as const;

/** One kind of request. */
export type SoakKind = (typeof SOAK_KINDS)[number];

/** One kind's figures over a window. */
export interface KindFigures {
  requests: number;
  p50: number;
  p99: number;
}

/** One window's figures, as the load child reports them. */
export interface SoakWindow {
  seconds: number;
  byKind: Partial<Record<SoakKind, KindFigures>>;
  /** Every latency of the window by kind, sorted (ms): the verdict pools several minutes' for its p99s. */
  latencies: Partial<Record<SoakKind, number[]>>;
  requests: number;
  errors: number;
  /** The first few errors of the window, each in one line. */
  samples: string[];
  /** Cases whose journey ended in the window, by the outcome checked (`approved`, `denied`). */
  cases: Record<string, number>;
}

/** Records requests and errors; {@link take} answers the window so far and starts the next. */
export class SoakRecorder {
  private latencies = new Map<SoakKind, number[]>();
  private errors = 0;
  private samples: string[] = [];
  private cases: Record<string, number> = {};
  private started = performance.now();

  /** One answered request (expected or not: the caller reports an unexpected one with {@link error} too). */
  request(kind: SoakKind, ms: number): void {
    let list = this.latencies.get(kind);
    if (!list) this.latencies.set(kind, (list = []));
    list.push(ms);
  }

  /** Something the scenario did not expect. */
  error(text: string): void {
    this.errors++;
    if (this.samples.length < 5) this.samples.push(text.replace(/\s+/g, ' ').slice(0, 400));
  }

  /** A case whose journey ended as checked. */
  caseDone(outcome: string): void {
    this.cases[outcome] = (this.cases[outcome] ?? 0) + 1;
  }

  take(): SoakWindow {
    const byKind: SoakWindow['byKind'] = {};
    const latencies: SoakWindow['latencies'] = {};
    let requests = 0;
    for (const kind of SOAK_KINDS) {
      const list = this.latencies.get(kind);
      if (!list?.length) continue;
      const sorted = list.sort((a, b) => a - b);
      byKind[kind] = { requests: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
      latencies[kind] = sorted.map((ms) => Math.round(ms * 10) / 10);
      requests += sorted.length;
    }
    const window: SoakWindow = {
      seconds: (performance.now() - this.started) / 1000,
      byKind,
      latencies,
      requests,
      errors: this.errors,
      samples: this.samples,
      cases: this.cases,
    };
    this.latencies = new Map();
    this.errors = 0;
    this.samples = [];
    this.cases = {};
    this.started = performance.now();
    return window;
  }
}
