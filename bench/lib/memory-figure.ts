/**
 * Figure 5 of `npm run bench`: resident memory of the engine in process over many transitions, and whether it
 * still grows over the second half. Prints the lines and returns the verdict for the targets.
 */
import { runChild } from './child.ts';
import { line, num } from './report.ts';

/** Least-squares slope of y over x. */
function slope(points: Array<[number, number]>): number {
  const n = points.length;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  const sxy = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  const sxx = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return sxx === 0 ? 0 : sxy / sxx;
}

/** Runs bench/memory.ts for `transitions` and says whether memory stayed flat after warm-up. */
export async function memoryFigure(transitions: number): Promise<{ flat: boolean; short: string }> {
  const mem = await runChild<{
    samples: Array<{ transitions: number; rssMb: number; heapUsedMb: number }>;
    seconds: number;
    gc: boolean;
  }>({ script: 'memory.ts', args: [String(transitions)], exposeGc: true });
  const first = mem.samples[0]!;
  const half = mem.samples[Math.floor(mem.samples.length / 2)]!;
  const last = mem.samples[mem.samples.length - 1]!;
  // The trend over the second half (least squares through its samples, so one noisy sample does not decide),
  // as MB added over that half. Flat: at most 5 % of RSS, and at most 5 MB of heap.
  const second = mem.samples.slice(Math.floor(mem.samples.length / 2));
  const span = last.transitions - half.transitions;
  const rssTrend = slope(second.map((s) => [s.transitions, s.rssMb])) * span;
  const heapTrend = slope(second.map((s) => [s.transitions, s.heapUsedMb])) * span;
  const share = rssTrend / half.rssMb;
  const flat = share <= 0.05 && heapTrend <= 5;
  const signed = (mb: number) => `${mb >= 0 ? '+' : ''}${num(mb, 1)} MB`;
  const short = `${signed(rssTrend)} RSS (${(share * 100).toFixed(1)} %), ${signed(heapTrend)} heap over the second half`;
  console.log(
    line(
      `5. memory, engine in-process, ${num(transitions)} transitions`,
      `RSS ${num(first.rssMb)} MB after warm-up, ${num(half.rssMb)} MB at ${num(half.transitions)}, ` +
        `${num(last.rssMb)} MB at ${num(last.transitions)}; trend ${short} → ${flat ? 'flat' : 'STILL GROWS'}`,
    ) + (mem.gc ? '' : ' (no forced GC: started without --expose-gc)'),
  );
  console.log(
    `   after each tenth: RSS ${mem.samples.map((s) => num(s.rssMb)).join(' ')} MB; heap ` +
      `${mem.samples.map((s) => num(s.heapUsedMb, 1)).join(' ')} MB (${num(mem.seconds)} s)`,
  );
  return { flat, short };
}
