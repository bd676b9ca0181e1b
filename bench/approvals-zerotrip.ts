/**
 * ZeroTrip completing the five-way parallel approval in-process, on SQLite, for the comparison with
 * bpmn-engine: create, SUBMIT, ACCEPT, the five departments' APPROVE (in flight together), ISSUE, all through
 * the engine (`engine.create` / `engine.send`, every step committed). Several approvals run at once; after a
 * warm-up, completed approvals per second over a fixed time. Every approval must end `approved`.
 * Modes: `steps` runs exactly bpmn-engine's nine steps, on a service whose published material catalog asks for
 * no papers (the comparison); `papers` keeps the shipped catalog, so each case also hands in the papers its form
 * requires before SUBMIT (13 for the example), each a record on the case's chain, as a real case must.
 * Run: node --import tsx bench/approvals-zerotrip.ts [steps|papers] [seconds=10] [warm-up seconds=2] [concurrency=8]
 */
import { report } from './lib/child.ts';
import { currentCatalog, publishCatalog, requiredMaterials } from '../src/materials/index.ts';
import {
  approve,
  caseInReview,
  clerk,
  DEPARTMENTS,
  permitForm,
  serviceOnTempSqlite,
  timeBoxed,
} from './lib/permit.ts';

const mode = process.argv[2] ?? 'steps';
if (mode !== 'steps' && mode !== 'papers') throw new Error(`mode must be steps or papers, got ${mode}`);
const seconds = Number(process.argv[3] ?? 10);
const warmupSeconds = Number(process.argv[4] ?? 2);
const concurrency = Number(process.argv[5] ?? 8);

await report(async () => {
  const { service, dispose } = await serviceOnTempSqlite();
  if (mode === 'steps') {
    const source = 'benchmark: the steps of the bpmn-engine comparison, without papers';
    await publishCatalog(service.db, 'construction-permit', { source, items: [] }, 'bench', new Date());
  }
  const catalog = await currentCatalog(service.db, 'construction-permit');
  const papers = catalog ? requiredMaterials(catalog, permitForm).length : 0;
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
  return { ...rate, concurrency, mode, papers, transitionsPerApproval: 9 };
});
