/**
 * ZeroTrip completing the five-way parallel approval in-process, on SQLite, for the comparison with
 * bpmn-engine: create, SUBMIT, ACCEPT, the five departments' APPROVE (in flight together), ISSUE, all through
 * the engine (`engine.create` / `engine.send`, every step committed). Several approvals run at once; after a
 * warm-up, completed approvals per second over a fixed time. Every approval must end `approved`.
 * Run: node --import tsx bench/approvals-zerotrip.ts [seconds=10] [warm-up seconds=2] [concurrency=8]
 */
import { report } from './lib/child.ts';
import { approve, caseInReview, clerk, DEPARTMENTS, serviceOnTempSqlite, timeBoxed } from './lib/permit.ts';

const seconds = Number(process.argv[2] ?? 10);
const warmupSeconds = Number(process.argv[3] ?? 2);
const concurrency = Number(process.argv[4] ?? 8);

await report(async () => {
  const { service, dispose } = await serviceOnTempSqlite();
  const rate = await timeBoxed(concurrency, warmupSeconds, seconds, async () => {
    const id = await caseInReview(service);
    await Promise.all(DEPARTMENTS.map((department) => approve(service, id, department)));
    const issued = await service.engine.send({
      applicationId: id,
      event: { type: 'ISSUE', department: 'window' },
      actor: clerk('window'),
    });
    if (issued.application.status !== 'approved') {
      throw new Error(`case ${id} is ${issued.application.status} after ISSUE, not approved`);
    }
  });
  await dispose();
  return { ...rate, concurrency, transitionsPerApproval: 9 };
});
