/**
 * The engine in-process without HTTP, on SQLite: N example cases are created, submitted and accepted (set-up,
 * not timed), a warm-up set is approved, then every department's APPROVE for the N cases goes through
 * `engine.send` from 32 concurrent callers, case after case — the five approvals of a case in flight together,
 * as HTTP delivers them — so that group commit, where the engine has it, can act. Reports transitions/s and
 * checks that every case reached the issuing state. The engine is the one `buildService` wires up.
 * Run: node --import tsx bench/engine-throughput.ts [cases=2000] [warm-up cases=200]
 */
import { report } from './lib/child.ts';
import {
  approve,
  caseInReview,
  DEPARTMENTS,
  ISSUING_STATE,
  runConcurrently,
  serviceOnTempSqlite,
} from './lib/permit.ts';

const cases = Number(process.argv[2] ?? 2000);
const warmupCases = Number(process.argv[3] ?? 200);
const CONCURRENCY = 32;

await report(async () => {
  const { service, dispose } = await serviceOnTempSqlite();
  const ids: string[] = new Array(cases + warmupCases);
  await runConcurrently(ids.length, CONCURRENCY, async (i) => {
    ids[i] = await caseInReview(service);
  });
  const warm = ids.slice(cases);
  const measured = ids.slice(0, cases);
  const approvals = (list: string[]) =>
    runConcurrently(list.length * DEPARTMENTS.length, CONCURRENCY, async (i) => {
      await approve(service, list[Math.floor(i / DEPARTMENTS.length)]!, DEPARTMENTS[i % DEPARTMENTS.length]!);
    });
  await approvals(warm);
  const started = performance.now();
  await approvals(measured);
  const seconds = (performance.now() - started) / 1000;
  let issuing = 0;
  for (const id of measured) {
    const app = await service.engine.load(id);
    if (app && JSON.stringify(app.state) === ISSUING_STATE) issuing++;
  }
  await dispose();
  const transitions = measured.length * DEPARTMENTS.length;
  return { cases, transitions, seconds, perSecond: transitions / seconds, issuing };
});
