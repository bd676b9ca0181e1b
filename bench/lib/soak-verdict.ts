/**
 * The soak's verdict from its minutes: no error, memory that does not grow over the second half, a p99 of the
 * last minutes not far above the first minutes', and no file descriptor left behind. The bounds, and why:
 *
 * - **Memory**: the least-squares slope of the server's heap (after a forced full collection) and RSS over the
 *   second half of the run, sampled every 15 s, in MB per minute. Caches fill in the first minutes (JIT, prepared statements, the
 *   metrics registry's label sets, SQLite's page cache, which is bounded), so the first half is not judged. A
 *   leak of one small object per request — 100 bytes at the soak's default 60 requests/s — adds about
 *   0.35 MB a minute, so the heap may grow at most {@link HEAP_MB_PER_MINUTE}; RSS also follows the allocator
 *   and the page cache returning memory late, so it gets twice that. Over 15 judged minutes that is 5 MB of
 *   heap: a real leak of that size over 30 minutes would be hours from trouble, one of per-request size not.
 * - **p99**: for each kind of request, the p99 of every latency of the first minutes (after the first, which
 *   warms up) against that of the last minutes, a sixth of the run each (minutes 2–6 and 26–30 of 30). The
 *   database grows through the run (some 15× more cases at the end than after the second minute), so a read
 *   that scans what accumulates grows several-fold, while a shared machine's noise moves a p99 pooled over
 *   minutes by tens of percent. Bound: last ≤ 2 × first + 5 ms, the 5 ms for kinds whose p99 is a few
 *   milliseconds, where one scheduling hiccup doubles it. A kind with fewer than {@link P99_MIN_SAMPLES}
 *   requests on either side is not compared: its "p99" would be its slowest request.
 * - **File descriptors** of the server process after the traffic has ended and the load child's connections
 *   closed: files (a leaked upload's temporary file stays open) at most {@link FD_SLACK} more than before the
 *   traffic; sockets at most the PostgreSQL pool's 10 more (src/db/postgres/postgres-open.ts: connections
 *   opened under load stay until they idle out).
 */
import { percentile } from './http-load.ts';
import { SOAK_KINDS, type SoakWindow } from './soak-stats.ts';

/** Heap growth allowed over the second half, MB per minute. */
export const HEAP_MB_PER_MINUTE = 0.5;
/** RSS growth allowed over the second half, MB per minute. */
export const RSS_MB_PER_MINUTE = 1;
/** How much the last minutes' p99 may exceed the first minutes': × factor + ms. */
export const P99_FACTOR = 2;
export const P99_SLACK_MS = 5;
/** Fewest requests of a kind on each side for its p99s to be compared. */
export const P99_MIN_SAMPLES = 100;
/** Files the server may hold open after the traffic more than before it. */
export const FD_SLACK = 4;
/** Sockets the server may hold after the traffic more than before it: the PostgreSQL pool's size. */
export const SOCKET_SLACK = 10;

/** A process's open file descriptors: sockets, and the rest (files, pipes, event fds). */
export interface Descriptors {
  sockets: number;
  others: number;
}

/** The server's memory after a forced full collection, `at` minutes into the traffic. */
export interface MemorySample {
  at: number;
  rssMb: number;
  heapMb: number;
}

/** One minute of the soak as the parent saw it. */
export interface SoakMinute {
  minute: number;
  window: SoakWindow;
  /** The last memory sample of the minute. */
  memory: MemorySample;
  fds: Descriptors | null;
}

/** What the verdict found: each line a check and whether it passed. */
export interface SoakVerdict {
  ok: boolean;
  lines: string[];
}

/** Least-squares slope of `ys` over `xs`. */
export function slope(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

/** The minutes each p99 comparison takes: a sixth of the run (at least one), the first after the warm-up. */
export function comparedMinutes(count: number): { first: number[]; last: number[] } {
  const span = Math.max(1, Math.round(count / 6));
  const from = count >= 3 ? 1 : 0;
  const first = Array.from({ length: Math.min(span, count) }, (_, i) => from + i).filter((i) => i < count);
  const last = Array.from({ length: span }, (_, i) => count - span + i).filter((i) => i >= 0);
  return { first, last };
}

/**
 * Judges the soak: `minutes` in order, the server's file descriptors before the traffic and after it, and the
 * errors counted after the last minute (the journeys that ended after the deadline).
 */
export function judge(
  minutes: readonly SoakMinute[],
  samples: readonly MemorySample[],
  fds: { before: Descriptors | null; after: Descriptors | null },
  finalErrors: number,
): SoakVerdict {
  const lines: string[] = [];
  let ok = true;
  const check = (passed: boolean, text: string) => {
    ok &&= passed;
    lines.push(`${passed ? 'ok  ' : 'FAIL'} ${text}`);
  };

  const errors = minutes.reduce((n, m) => n + m.window.errors, 0) + finalErrors;
  check(errors === 0, `errors: ${errors}`);

  const end = minutes.length;
  const half = samples.filter((m) => m.at >= end / 2);
  if (half.length >= 4) {
    const xs = half.map((m) => m.at);
    const heap = slope(
      xs,
      half.map((m) => m.heapMb),
    );
    const rss = slope(
      xs,
      half.map((m) => m.rssMb),
    );
    const span = `minutes ${(end / 2).toFixed(1)}–${end}, ${half.length} samples`;
    check(
      heap <= HEAP_MB_PER_MINUTE,
      `heap slope ${heap.toFixed(2)} MB/min over ${span} (≤ ${HEAP_MB_PER_MINUTE})`,
    );
    check(
      rss <= RSS_MB_PER_MINUTE,
      `RSS slope ${rss.toFixed(2)} MB/min over ${span} (≤ ${RSS_MB_PER_MINUTE})`,
    );
  } else {
    check(false, `memory: ${half.length} samples in the second half, at least 4 needed (run longer)`);
  }

  const { first, last } = comparedMinutes(minutes.length);
  const grown: string[] = [];
  const compared: string[] = [];
  for (const kind of SOAK_KINDS) {
    const pooled = (indices: number[]) =>
      indices.flatMap((i) => minutes[i]!.window.latencies[kind] ?? []).sort((x, y) => x - y);
    const a = pooled(first);
    const b = pooled(last);
    if (a.length < P99_MIN_SAMPLES || b.length < P99_MIN_SAMPLES) {
      compared.push(`${kind} too few (${a.length}, ${b.length})`);
      continue;
    }
    const before = percentile(a, 99);
    const after = percentile(b, 99);
    compared.push(`${kind} ${before.toFixed(0)}→${after.toFixed(0)}`);
    if (after > P99_FACTOR * before + P99_SLACK_MS) grown.push(kind);
  }
  const label = (indices: number[]) =>
    indices.length === 1
      ? `minute ${minutes[indices[0]!]!.minute}`
      : `minutes ${minutes[indices[0]!]!.minute}–${minutes[indices[indices.length - 1]!]!.minute}`;
  check(
    grown.length === 0,
    `p99 ${label(last)} vs ${label(first)} (≤ ${P99_FACTOR}× + ${P99_SLACK_MS} ms), ms: ${compared.join(', ')}` +
      (grown.length ? ` — grown: ${grown.join(', ')}` : ''),
  );

  if (fds.before && fds.after) {
    const { before, after } = fds;
    check(
      after.others <= before.others + FD_SLACK && after.sockets <= before.sockets + SOCKET_SLACK,
      `server descriptors before the traffic and after: files ${before.others} → ${after.others} ` +
        `(≤ +${FD_SLACK}), sockets ${before.sockets} → ${after.sockets} (≤ +${SOCKET_SLACK})`,
    );
  }
  return { ok, lines };
}
