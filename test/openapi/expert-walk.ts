/**
 * The expert-review walk of openapi/responses.test.ts: the roster, a proposal through batch, draw, declarations,
 * an objection, a recusal, the ballots and the decision, the re-run of the draw and the figures — every answer
 * checked against the document by the suite's `call`.
 */
import { expect } from 'chai';
import {
  ballot,
  fileProposal,
  freshProject,
  PROPOSAL,
  REVIEWS,
  reviewPeople,
  seedRoster,
} from '../support/investment-review-scene.ts';
import { sendOk } from '../support/http.ts';
import type { Walk } from './walks.ts';

export async function expertReview({ call, svc, who }: Walk): Promise<void> {
  const rp = reviewPeople(svc);
  await seedRoster(svc, rp.admin);
  await call('PUT', '/api/v1/experts/{id}', { id: 'e1' }, 200, {
    token: rp.admin,
    body: {
      name: '专家1',
      fields: ['new-materials'],
      relations: [{ uscc: '91310110666007217T', kind: 'consulted-for' }],
    },
  });
  await call('PUT', '/api/v1/experts/{id}', { id: 'n9' }, 201, {
    token: rp.admin,
    body: { name: '新专家', fields: ['steel'], status: 'inactive' },
  });
  await call('GET', '/api/v1/experts', {}, 200, { token: who.auditor });
  const id = await fileProposal(svc, who.applicant, PROPOSAL, freshProject());
  const batch = await call('POST', `${REVIEWS}/batches/{batch}/close`, { batch: '2026-03' }, 200, {
    token: rp.officer,
  });
  expect(batch.body.closed).to.include(id);
  for (const department of ['land', 'planning', 'environment']) {
    const token = svc.token({ sub: `clerk-${department}`, role: 'clerk', org: department });
    await sendOk(svc, token, id, { type: 'PRE_REVIEW', department, data: { position: 'agree' } });
  }
  const drawn = await call('POST', `${REVIEWS}/{id}/draw`, { id }, 200, {
    token: rp.officer,
    body: { seed: 'walk-seed-0001' },
  });
  let panel: string[] = drawn.body.panel.map((p: { expert: string }) => p.expert);
  await sendOk(svc, who.applicant, id, { type: 'OBJECTION', comment: '理由', data: { expert: panel[0] } });
  await call('POST', `${REVIEWS}/{id}/objections/{expert}/decision`, { id, expert: panel[0]! }, 200, {
    token: rp.officer,
    body: { upheld: false, comment: '理由不成立' },
  });
  const recused = await call('POST', `${REVIEWS}/{id}/declaration`, { id }, 200, {
    token: rp.expert(panel[1]!),
    body: { conflict: true, ground: 'other' },
  });
  panel = recused.body.panel.map((p: { expert: string }) => p.expert);
  for (const expert of panel) {
    await call('POST', `${REVIEWS}/{id}/declaration`, { id }, 200, {
      token: rp.expert(expert),
      body: { conflict: false },
    });
  }
  await call('GET', REVIEWS, {}, 200, { token: rp.expert(panel[0]!) }, '?batch=2026-03');
  await call('GET', `${REVIEWS}/{id}`, { id }, 200, { token: rp.expert(panel[0]!) });
  for (const expert of panel.slice(0, 4)) {
    await call('POST', `${REVIEWS}/{id}/ballot`, { id }, 200, {
      token: rp.expert(expert),
      body: ballot('pass'),
    });
  }
  await call('POST', `${REVIEWS}/{id}/absences`, { id }, 200, {
    token: rp.officer,
    body: { expert: panel[4] },
  });
  const decided = await call('GET', `${REVIEWS}/{id}`, { id }, 200, { token: rp.officer });
  expect(decided.body.status).to.equal('passed');
  await call('GET', `${REVIEWS}/{id}/draw`, { id }, 200, { token: who.auditor });
  await call('GET', '/api/v1/experts/{id}', { id: panel[0]! }, 200, { token: rp.expert(panel[0]!) });
  await call('GET', `${REVIEWS}/figures`, {}, 200, { token: who.auditor }, '?year=2026');
}
