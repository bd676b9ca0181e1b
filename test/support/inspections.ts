import { expect } from 'chai';
import { casePath, type People, type TestService } from './http.ts';

/** Schedules the inspection `code` on the case; the caller checks the answer. */
export function schedule(svc: TestService, token: string, id: string, code: string) {
  return svc.request('POST', casePath(id, '/inspections'), {
    token,
    body: { code, scheduledAt: '2026-03-04T09:30:00+08:00' },
  });
}

/** Records an inspection's result; the caller checks the answer. */
export function record(
  svc: TestService,
  token: string,
  id: string,
  inspectionId: number,
  body: { result: string; findings?: string },
) {
  return svc.request('POST', casePath(id, `/inspections/${inspectionId}/result`), { token, body });
}

/** Schedules an inspection as the department's clerk and records its result. */
export async function inspect(
  t: { svc: TestService; who: People },
  id: string,
  item: { department: string; code: string },
  result: { result: string; findings?: string } = { result: 'pass' },
) {
  const token = t.who.clerk(item.department);
  const scheduled = await schedule(t.svc, token, id, item.code);
  expect(scheduled.status, JSON.stringify(scheduled.body)).to.equal(201);
  const recorded = await record(t.svc, token, id, scheduled.body.id, result);
  expect(recorded.status, JSON.stringify(recorded.body)).to.equal(200);
  return recorded.body;
}
