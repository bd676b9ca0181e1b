/**
 * The steps of an investment pre-review through the real API: a roster, a proposal filed and its batch
 * closed, the departments' positions, the draw, the declarations and the ballots.
 */
import { expect } from 'chai';
import { ENTERPRISE } from './harness.ts';
import { createDraft, sendOk, type TestResponse, type TestService } from './http.ts';

/** The industry of the example proposal, and of most of the roster. */
export const INDUSTRY = 'new-materials';
export const REVIEWS = '/api/v1/investment-reviews';

/** A proposal above every entry threshold: ¥3.6 M and ¥320,000 tax per mu, FAR 1.2, coverage 45 %. */
export const PROPOSAL = {
  industry: INDUSTRY,
  investmentYuan: 360_000_000,
  landMu: 100,
  expectedOutputYuan: 800_000_000,
  taxPerYearYuan: 32_000_000,
  jobs: 420,
  floorAreaRatio: 1.2,
  coverage: 0.45,
  technologyLevel: 'domestic-leading',
};

/** The people of a review: the officer, an administrator, experts by id. */
export interface ReviewPeople {
  officer: string;
  admin: string;
  expert(id: string): string;
}

export function reviewPeople(svc: TestService): ReviewPeople {
  return {
    officer: svc.token({ sub: 'officer-1', role: 'clerk', org: 'investment-promotion' }),
    admin: svc.token({ sub: 'admin-1', role: 'admin' }),
    expert: (id) => svc.token({ sub: id, role: 'expert' }),
  };
}

/**
 * Seven experts of the industry (e1…e7, e7 employed by the example enterprise), one of another field (x1):
 * five of e1…e6 are drawn; e7 and x1 never are.
 */
export async function seedRoster(svc: TestService, admin: string): Promise<void> {
  for (let i = 1; i <= 7; i++) {
    const response = await svc.request('PUT', `/api/v1/experts/e${i}`, {
      token: admin,
      body: {
        name: `专家${i}`,
        fields: [INDUSTRY],
        ...(i === 7 ? { employerUscc: ENTERPRISE } : {}),
      },
    });
    expect(response.status, JSON.stringify(response.body)).to.equal(201);
  }
  const other = await svc.request('PUT', '/api/v1/experts/x1', {
    token: admin,
    body: { name: '其他领域专家', fields: ['biomedicine'] },
  });
  expect(other.status).to.equal(201);
}

let serial = 100;
/** A project of its own for each proposal (a project code the roster's earlier seats do not know). */
export const freshProject = () => ({ name: `项目${serial}`, code: `2026-360202-30-01-000${serial++}` });

/** Files a proposal as the applicant; answers the case id. */
export async function fileProposal(
  svc: TestService,
  applicant: string,
  form: Record<string, unknown> = PROPOSAL,
  project: Record<string, unknown> = { name: '高纯氧化铝陶瓷基板项目', code: '2026-360202-30-01-000017' },
): Promise<string> {
  const id = await createDraft(svc, applicant, { workflow: 'investment-review', project, form });
  await sendOk(svc, applicant, id, { type: 'SUBMIT' });
  return id;
}

/** Closes the batch and has the three departments agree (land with conditions). */
export async function preReviewed(svc: TestService, people: ReviewPeople, id: string, batch: string) {
  const closed = await svc.request('POST', `${REVIEWS}/batches/${batch}/close`, { token: people.officer });
  expect(closed.status, JSON.stringify(closed.body)).to.equal(200);
  for (const department of ['land', 'planning', 'environment']) {
    const token = svc.token({ sub: `clerk-${department}`, role: 'clerk', org: department });
    await sendOk(svc, token, id, {
      type: 'PRE_REVIEW',
      department,
      data:
        department === 'land'
          ? { position: 'agree-with-conditions', conditions: '用地红线按规划调整' }
          : { position: 'agree' },
    });
  }
}

/** Draws the panel with a fixed seed; answers the panel's expert ids. */
export async function drawn(
  svc: TestService,
  people: ReviewPeople,
  id: string,
  seed = 'seed-for-tests-0001',
) {
  const response = await svc.request('POST', `${REVIEWS}/${id}/draw`, {
    token: people.officer,
    body: { seed },
  });
  expect(response.status, JSON.stringify(response.body)).to.equal(200);
  return (response.body.panel as Array<{ expert: string }>).map((p) => p.expert);
}

/** Every member declares no conflict. */
export async function allDeclared(
  svc: TestService,
  people: ReviewPeople,
  id: string,
  panel: readonly string[],
) {
  for (const expert of panel) {
    const response = await svc.request('POST', `${REVIEWS}/${id}/declaration`, {
      token: people.expert(expert),
      body: { conflict: false },
    });
    expect(response.status, JSON.stringify(response.body)).to.equal(200);
  }
}

/** A ballot with every gate passed and every criterion scored. */
export function ballot(vote: string, extra: Record<string, unknown> = {}) {
  return {
    vote,
    gates: { 'industrial-policy': 'pass', 'land-use-plan': 'pass', environment: 'pass' },
    scores: { 'investment-intensity': 80, 'tax-yield': 70, technology: 90, 'land-efficiency': 60, jobs: 50 },
    comment: '意见',
    ...(vote === 'pass-with-conditions' ? { conditions: '三年内达产' } : {}),
    ...(vote === 'reject' ? { reasons: ['tax-yield'] } : {}),
    ...extra,
  };
}

/** Casts one ballot; answers the response. */
export function vote(
  svc: TestService,
  people: ReviewPeople,
  id: string,
  expert: string,
  body: Record<string, unknown>,
): Promise<TestResponse> {
  return svc.request('POST', `${REVIEWS}/${id}/ballot`, { token: people.expert(expert), body });
}
