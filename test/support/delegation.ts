import type { Actor } from '../../src/engine/records.ts';
import type { DelegationTerms } from '../../workflows/delegation.ts';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import { applicant, ENTERPRISE, type Harness } from './harness.ts';
import type { TestResponse, TestService } from './http.ts';

/** The service team's code, as an agent's token carries it in `org`. */
export const SERVICE_TEAM = 'service-team';

/** Agent Li of the service team, as a token's claims. */
export const AGENT_LI = { sub: 'agent-li', role: 'agent', org: SERVICE_TEAM };

/** An expiry far enough that nothing in a block expires by accident. */
export const FAR = '2026-12-31T18:00:00+08:00';

/** The path of an agreement, or of `rest` below it. */
export const delegationPath = (id: string, rest = '') => `/api/v1/delegations/${id}${rest}`;

/** A construction-permit body as an agent files it: naming the enterprise in `applicant`. */
export const onBehalf = (enterprise = ENTERPRISE) => ({
  ...constructionPermitApplication(),
  applicant: enterprise,
});

/** An agent of the service team, for the engine. */
export const agentActor = (sub: string): Actor => ({ sub, role: 'agent', org: SERVICE_TEAM });

/** A token of an agent of the service team. */
export const agentToken = (svc: TestService, sub: string): string =>
  svc.token({ sub, role: 'agent', org: SERVICE_TEAM });

/** Creates an agreement through the engine, as the enterprise asks for it; returns its id. */
export async function createDelegation(
  h: Harness,
  terms: DelegationTerms,
  actor: Actor = applicant,
): Promise<string> {
  const { application } = await h.engine.create({
    workflow: 'delegation',
    applicant: actor.org ?? ENTERPRISE,
    project: { name: 'Proxy handling agreement' },
    form: { ...terms },
    actor,
  });
  return application.id;
}

/** Asks for proxy handling as the enterprise; fails the test unless it is answered 201. Returns the id. */
export async function requestDelegation(
  svc: TestService,
  enterprise: string,
  terms: Record<string, unknown>,
): Promise<string> {
  const response = await svc.request('POST', '/api/v1/delegations', { token: enterprise, body: terms });
  if (response.status !== 201) {
    throw new Error(`POST /delegations answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response.body.id;
}

/** Sends one action on an agreement (`accept`, `refuse`, `revoke`, `complete`); the caller checks the answer. */
export function delegationAction(
  svc: TestService,
  token: string,
  id: string,
  action: 'accept' | 'refuse' | 'revoke' | 'complete',
): Promise<TestResponse> {
  return svc.request('POST', `/api/v1/delegations/${id}/${action}`, { token });
}

/** An agreement requested by the enterprise and accepted by the agent: active. Returns its id. */
export async function activeDelegation(
  svc: TestService,
  enterprise: string,
  agent: string,
  terms: Record<string, unknown>,
): Promise<string> {
  const id = await requestDelegation(svc, enterprise, terms);
  const accepted = await delegationAction(svc, agent, id, 'accept');
  if (accepted.status !== 200 || accepted.body.status !== 'active') {
    throw new Error(`accept answered ${accepted.status}: ${JSON.stringify(accepted.body)}`);
  }
  return id;
}

/** The agreement's status, version and the length of its record, read by `token` (the enterprise, an auditor). */
export async function delegationState(
  svc: TestService,
  token: string,
  id: string,
): Promise<{ status: string; version: number; holder: string | null; history: number }> {
  const response = await svc.request('GET', `/api/v1/delegations/${id}`, { token });
  if (response.status !== 200) {
    throw new Error(`GET /delegations/${id} answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
  const { status, version, holder, history } = response.body;
  return { status, version, holder, history: history.length };
}
