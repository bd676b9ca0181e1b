/**
 * The key projects' walk of openapi/responses.test.ts: a task force formed, a baseline and a re-baseline
 * approved, a milestone entered, an issue raised and worked, a dispatch, the battle map and the projects'
 * reports with their PDFs, each answer checked against the document by the suite's `call`.
 */
import { BASELINE, PROJECT, TASK_FORCE } from '../support/task-forces.ts';
import type { Walk } from './walks.ts';

/** Every key-project operation, called once with its success status. */
export async function keyProjects({ call, svc, admin }: Walk): Promise<void> {
  const officer = svc.token({ sub: 'officer-li', role: 'clerk', org: 'investment' });
  const leader = svc.token({ sub: 'leader-wang', role: 'auditor' });
  const code = { code: PROJECT };
  const projects = '/api/v1/projects/{code}';
  await call('PUT', `${projects}/task-force`, code, 200, { token: admin, body: TASK_FORCE });
  await call('GET', `${projects}/task-force`, code, 200, { token: officer });
  await call('POST', `${projects}/plan/baselines`, code, 201, {
    token: officer,
    body: { planned: BASELINE },
  });
  const later = { planned: { ...BASELINE, production: '2027-01-15' }, reason: '设备到货推迟' };
  await call('POST', `${projects}/plan/baselines`, code, 201, { token: officer, body: later });
  await call('POST', `${projects}/plan/baselines/{version}/decision`, { ...code, version: 2 }, 200, {
    token: leader,
    body: { approve: true, comment: '同意' },
  });
  await call('PUT', `${projects}/plan/milestones/{milestone}`, { ...code, milestone: 'signing' }, 200, {
    token: officer,
    body: { actualOn: '2026-01-05' },
  });
  await call('GET', `${projects}/plan`, code, 200, { token: leader });
  const issue = { title: '施工用电接入滞后', owner: '区供电公司', deadline: '2026-03-13', measures: '协调' };
  const raised = await call('POST', `${projects}/issues`, code, 201, { token: officer, body: issue });
  await call('PATCH', `${projects}/issues/{id}`, { ...code, id: raised.body.id }, 200, {
    token: officer,
    body: { status: 'in-progress' },
  });
  await call('GET', `${projects}/issues`, code, 200, { token: leader });
  await call('POST', '/api/v1/dispatches', {}, 201, { token: admin, body: { heldOn: '2026-03-02' } });
  await call('GET', '/api/v1/battle-map', {}, 200, { token: leader }, '?stage=1');
  for (const report of ['weekly', 'biweekly', 'monthly']) {
    await call('GET', `/api/v1/reports/${report}/projects`, {}, 200, { token: leader });
    await call('GET', `/api/v1/reports/${report}/projects/pdf`, {}, 200, { token: admin });
  }
}
