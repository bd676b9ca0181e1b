import { expect } from 'chai';
import { processMetrics } from '../../src/metrics/prometheus.ts';
import { parsePrometheusText, sampleValue } from '../support/prometheus-text.ts';

/** Keeps the CPU busy for `ms` milliseconds, so that the process's CPU counter moves. */
function burn(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) Math.sqrt(Math.random());
}

const cpuOf = async (text: Promise<string>) =>
  sampleValue(parsePrometheusText(await text), 'process_cpu_user_seconds_total');

describe('metrics/process metrics', () => {
  it('should serve one collection for a second of its clock, then collect again', async () => {
    let clock = 5_000;
    const take = processMetrics(() => clock);
    const first = await cpuOf(take());
    burn(50);
    clock += 999;
    expect(await cpuOf(take())).to.equal(first);
    clock += 1;
    expect(await cpuOf(take())).to.be.above(first!);
  });

  it('should give the standard process and Node.js metrics as exposition text of their own', async () => {
    const families = parsePrometheusText(await processMetrics()());
    expect([...families.keys()]).to.include.members([
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_p99_seconds',
      'nodejs_heap_size_used_bytes',
    ]);
    expect([...families.keys()].every((name) => !name.startsWith('zerotrip_'))).to.equal(true);
  });
});
