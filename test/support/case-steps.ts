/**
 * The steps a test takes on cases through the real API: the people who act, events sent, drafts created,
 * cases accepted and approved, and the check that a refusal changed nothing. http.ts re-exports them.
 */
import { expect } from 'chai';
import { completionAcceptanceApplication } from '../fixtures/completion-acceptance.ts';
import type { TestResponse, TestService } from './http.ts';
import { issuedPermitLicence } from './licences.ts';
import { handInRequired } from './materials.ts';

/** The reviewing departments of the construction permit, in the order the example needs them. */
export const PERMIT_DEPARTMENTS = ['planning', 'housing', 'fire', 'civil-defense', 'environment'] as const;

/** The events a department's clerk is offered on a case while its region reviews. */
export const DEPARTMENT_EVENTS = ['APPROVE', 'REQUEST_SUPPLEMENT', 'DENY'];

/** Tokens for the people who act on cases: the example's enterprise, another one, clerks, an auditor. */
export interface People {
  applicant: string;
  otherApplicant: string;
  clerk(department: string): string;
  auditor: string;
}

/** Signs a token for everyone a suite needs (HS256, one hour). */
export function people(svc: TestService, enterprise: string, otherEnterprise: string): People {
  return {
    applicant: svc.token({ sub: 'ent-user', role: 'applicant', org: enterprise }),
    otherApplicant: svc.token({ sub: 'other-user', role: 'applicant', org: otherEnterprise }),
    clerk: (department) => svc.token({ sub: `clerk-${department}`, role: 'clerk', org: department }),
    auditor: svc.token({ sub: 'auditor-1', role: 'auditor' }),
  };
}

/** An event body as POST …/events takes it. */
export interface EventBody {
  type: string;
  department?: string;
  comment?: string;
  data?: Record<string, unknown>;
}

/** The path of a case, or of `rest` below it. */
export const casePath = (id: string, rest = '') => `/api/v1/applications/${id}${rest}`;

/** Sends one event; the caller checks the answer. */
export async function sendEvent(
  svc: TestService,
  token: string,
  id: string,
  event: EventBody,
  headers: Record<string, string> = {},
): Promise<TestResponse> {
  // A submission needs the papers the catalog requires: the enterprise hands them in first, as in real life.
  if (event.type === 'SUBMIT') await handInRequired(svc, token, id);
  return svc.request('POST', `/api/v1/applications/${id}/events`, { token, body: event, headers });
}

/** Sends one event and fails the test unless it is answered 200. */
export async function sendOk(
  svc: TestService,
  token: string,
  id: string,
  event: EventBody,
  headers: Record<string, string> = {},
): Promise<TestResponse> {
  const response = await sendEvent(svc, token, id, event, headers);
  if (response.status !== 200) {
    throw new Error(`${event.type} answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response;
}

/** Creates a draft as the applicant and returns its id. */
export async function createDraft(
  svc: TestService,
  token: string,
  body: { workflow: string; project: object; form?: object },
): Promise<string> {
  const response = await svc.request('POST', '/api/v1/applications', { token, body });
  if (response.status !== 201) {
    throw new Error(`create answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response.body.id;
}

/** A draft submitted by the applicant and accepted by the window: every region reviews. */
export async function acceptedCase(
  svc: TestService,
  who: People,
  body: { workflow: string; project: object; form?: object },
): Promise<string> {
  const id = await createDraft(svc, who.applicant, body);
  await sendOk(svc, who.applicant, id, { type: 'SUBMIT' });
  await sendOk(svc, who.clerk('window'), id, { type: 'ACCEPT' });
  return id;
}

/**
 * An accepted completion case of the example, with `form` merged over the example's form. The permit it cites
 * is a real licence of the enterprise, issued through the real path first (the form must name a valid one).
 */
export async function completionCase(
  t: { svc: TestService; who: People },
  form: Record<string, unknown> = {},
) {
  const body = completionAcceptanceApplication();
  const { number } = await issuedPermitLicence(t);
  body.form = { ...body.form, constructionPermitNo: number, ...form };
  return acceptedCase(t.svc, t.who, body);
}

/** Every department of `departments` approves, in order. */
export async function approveAll(
  svc: TestService,
  who: People,
  id: string,
  departments: readonly string[] = PERMIT_DEPARTMENTS,
): Promise<void> {
  for (const department of departments) {
    await sendOk(svc, who.clerk(department), id, { type: 'APPROVE', department });
  }
}

/** The case's version, status and the length of its history, read as an auditor: what refusals must not change. */
export async function caseState(
  svc: TestService,
  auditor: string,
  id: string,
): Promise<{ version: number; status: string; history: number }> {
  const [detail, history] = await Promise.all([
    svc.request('GET', `/api/v1/applications/${id}`, { token: auditor }),
    svc.request('GET', `/api/v1/applications/${id}/history`, { token: auditor }),
  ]);
  return { version: detail.body.version, status: detail.body.status, history: history.body.items.length };
}

/** Runs `refuse` and checks that the case's version, status and history are the same afterwards. */
export async function caseUnchanged(
  t: { svc: TestService; who: People },
  id: string,
  refuse: () => Promise<void>,
): Promise<void> {
  const before = await caseState(t.svc, t.who.auditor, id);
  await refuse();
  expect(await caseState(t.svc, t.who.auditor, id)).to.deep.equal(before);
}
