/**
 * The ratings' walk of openapi/responses.test.ts: a rating of a decided case, its follow-up read and stepped,
 * the case's ratings and the public figures, each answer checked against the document by the suite's `call`.
 */
import { expect } from 'chai';
import { issuedPermitLicence } from '../support/licences.ts';
import type { Walk } from './walks.ts';

/** A bad rating through its first follow-up step, the case's ratings and the public figures. */
export async function ratingsWalk({ call, svc, who }: Walk): Promise<void> {
  const { caseId: id } = await issuedPermitLicence({ svc, who });
  const ratings = '/api/v1/applications/{id}/ratings';
  const rated = await call('POST', ratings, { id }, 201, {
    token: who.applicant,
    body: { level: 4, channel: 2, department: 'planning', tags: ['多次跑动'], text: '补正要求不清楚' },
  });
  await call('POST', ratings, { id }, 422, { token: who.applicant, body: { level: 6, channel: 2 } });
  await call('POST', ratings, { id }, 403, { token: who.auditor, body: { level: 1, channel: 2 } });
  await call('GET', ratings, { id }, 200, { token: who.applicant });
  await call('GET', ratings, { id }, 200, { token: who.clerk('planning') });
  const followUp = { id: rated.body.followUp.id as string };
  const path = '/api/v1/rating-follow-ups/{id}';
  await call('GET', path, followUp, 200, { token: who.clerk('planning') });
  await call('GET', path, followUp, 404, { token: who.clerk('housing') });
  const contacted = await call('POST', `${path}/events`, followUp, 200, {
    token: who.clerk('planning'),
    body: { type: 'CONTACT', comment: '已电话联系' },
  });
  expect(contacted.body.status).to.equal('verifying');
  await call('POST', `${path}/events`, followUp, 409, {
    token: who.clerk('planning'),
    body: { type: 'ANSWER', comment: 'too early' },
  });
  await call('GET', '/api/v1/ratings/figures', {}, 200, {}, '?month=2026-03');
  await call('GET', '/api/v1/ratings/figures', {}, 400, {}, '?month=2026-13');
}
