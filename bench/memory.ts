/**
 * Resident memory of a ZeroTrip process over many transitions: the engine `buildService` wires up runs
 * in-process on SQLite (no HTTP, so nothing is added to the service's routes) in a process started with
 * `--expose-gc`, which reports its own `process.memoryUsage()` after a forced full collection. Work: complete
 * approvals of the example (create, SUBMIT, ACCEPT, five APPROVEs in flight together, ISSUE = 9 transitions),
 * 16 at a time. After a warm-up of a tenth of the total it samples RSS and heap every tenth of the total.
 * Run: node --import tsx --expose-gc bench/memory.ts [transitions=100000]
 */
import { memory, report } from './lib/child.ts';
import { approve, caseInReview, clerk, DEPARTMENTS, serviceOnTempSqlite } from './lib/permit.ts';

const total = Number(process.argv[2] ?? 100_000);
const warmup = Math.round(total / 10);
const CONCURRENCY = 16;

/** Memory after `transitions` counted transitions (0 = right after the warm-up). */
interface Sample {
  transitions: number;
  rssMb: number;
  heapUsedMb: number;
}

await report(async () => {
  const { service, dispose } = await serviceOnTempSqlite();
  const samples: Sample[] = [];
  const started = performance.now();
  let transitions = 0;
  let nextSample = warmup;
  const counted = async <T>(work: Promise<T>, steps = 1): Promise<T> => {
    const result = await work;
    transitions += steps;
    if (transitions >= nextSample) {
      const { rssMb, heapUsedMb } = memory();
      samples.push({ transitions: nextSample - warmup, rssMb, heapUsedMb });
      nextSample += total / 10;
    }
    return result;
  };
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (transitions < warmup + total) {
        const id = await counted(caseInReview(service), 3); // create, SUBMIT, ACCEPT
        await Promise.all(DEPARTMENTS.map((department) => counted(approve(service, id, department))));
        await counted(
          service.engine.send({
            applicationId: id,
            event: { type: 'ISSUE', department: 'window' },
            actor: clerk('window'),
          }),
        );
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await dispose();
  return { total, warmup, transitions, seconds, gc: memory().gc, samples };
});
