/**
 * The walk of openapi/responses.test.ts through approval on pledge and the credit register: the offer, a case
 * decided on pledge to its verification, a record written, read, repaired. Against the other enterprise for
 * the register, so that the suite's other walks file as before.
 */
import { OTHER_ENTERPRISE } from '../support/harness.ts';
import { issuedOnPledge } from '../support/pledge.ts';
import type { Walk } from './walks.ts';

/** Every route of the register and the pledge, each with its success status, and a refusal or two. */
export async function creditAndPledge({ call, svc, who, admin }: Walk): Promise<void> {
  await call('GET', '/api/v1/pledge-offers/{id}', { id: 'construction-permit' }, 200);
  await call('GET', '/api/v1/pledge-offers/{id}', { id: 'delegation' }, 404);
  const { verification } = await issuedOnPledge({ svc, who });
  const housing = who.clerk('housing');
  await call('GET', '/api/v1/pledge-verifications', {}, 200, { token: housing });
  await call('GET', '/api/v1/pledge-verifications/{id}', { id: verification.id }, 200, {
    token: who.applicant,
  });
  await call('POST', '/api/v1/pledge-verifications/{id}/events', { id: verification.id }, 403, {
    token: who.auditor,
    body: { type: 'VERIFIED', data: { method: 'online' } },
  });
  await call('POST', '/api/v1/pledge-verifications/{id}/events', { id: verification.id }, 200, {
    token: housing,
    body: { type: 'VERIFIED', data: { method: 'online' } },
  });

  const record = {
    enterprise: OTHER_ENTERPRISE,
    kind: 'serious-bad-credit',
    source: '信用中国 严重失信主体名单 2026-0173',
    decidedOn: '2026-02-10',
    ineligibleUntil: '2027-02-10',
  };
  const written = await call('POST', '/api/v1/credit-records', {}, 201, { token: admin, body: record });
  await call('POST', '/api/v1/credit-records', {}, 403, { token: who.applicant, body: record });
  await call('GET', '/api/v1/credit-records', {}, 200, { token: who.auditor });
  await call('GET', '/api/v1/credit-records/{id}', { id: written.body.id }, 200, { token: who.auditor });
  await call('GET', '/api/v1/credit-records/{id}', { id: 'none' }, 404, { token: admin });
  const asked = await call('POST', '/api/v1/credit-repairs', {}, 201, {
    token: who.otherApplicant,
    body: { record: written.body.id, reason: '已履行行政处罚决定并完成整改。' },
  });
  await call('GET', '/api/v1/credit-repairs', {}, 200, { token: admin });
  await call('POST', '/api/v1/credit-repairs/{id}/events', { id: asked.body.id }, 200, {
    token: admin,
    body: { type: 'REFUSE', comment: '整改材料不全。' },
  });
}
