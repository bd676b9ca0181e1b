import { expect } from 'chai';
import { constructionPermitApplication } from '../fixtures/construction-permit-example.ts';
import {
  activeDelegation,
  agentToken,
  delegationState,
  FAR,
  onBehalf,
  requestDelegation,
} from './delegation.ts';
import { createDraft } from './http.ts';
import type { ServiceBlock } from './with-service.ts';

/** The agents of the scene, by name. */
export type SceneAgent = 'li' | 'zhao' | 'wang' | 'sun' | 'zhou';

/** The agreements and cases the refusal suites probe; agents zhao and wang hold no agreement. */
export interface DelegationScene {
  tokens: Record<SceneAgent, string>;
  /** Active for agent-li: stages 2 and 3. */
  forLi: string;
  /** Active for agent-sun: stage 4 only. */
  forSun: string;
  /** Active for agent-zhou: the one application `filedByLi`. */
  forZhou: string;
  /** Requested, naming agent-li. */
  pendingForLi: string;
  filedByLi: string;
  filedByEnterprise: string;
  /** A draft of another enterprise. */
  otherCase: string;
}

/** Builds the scene on the block's service, as the enterprise and its agents would through the routes. */
export async function delegationScene(t: ServiceBlock): Promise<DelegationScene> {
  const tokens = {} as Record<SceneAgent, string>;
  for (const sub of ['li', 'zhao', 'wang', 'sun', 'zhou'] as const) {
    tokens[sub] = agentToken(t.svc, `agent-${sub}`);
  }
  const forLi = await activeDelegation(t.svc, t.who.applicant, tokens.li, {
    agent: 'agent-li',
    stages: [2, 3],
    expiresAt: FAR,
  });
  const filedByLi = await createDraft(t.svc, tokens.li, onBehalf());
  const filedByEnterprise = await createDraft(t.svc, t.who.applicant, constructionPermitApplication());
  const otherCase = await createDraft(t.svc, t.who.otherApplicant, constructionPermitApplication());
  const forSun = await activeDelegation(t.svc, t.who.applicant, tokens.sun, {
    agent: 'agent-sun',
    stages: [4],
    expiresAt: FAR,
  });
  const forZhou = await activeDelegation(t.svc, t.who.applicant, tokens.zhou, {
    agent: 'agent-zhou',
    applications: [filedByLi],
    expiresAt: FAR,
  });
  const pendingForLi = await requestDelegation(t.svc, t.who.applicant, { agent: 'agent-li', expiresAt: FAR });
  return { tokens, forLi, forSun, forZhou, pendingForLi, filedByLi, filedByEnterprise, otherCase };
}

/** Checks that a refusal changed nothing, on the block's service (read when called, after `before`). */
export function refusalChecks(t: ServiceBlock) {
  return {
    /** Runs `refuse` and checks that the agreement is the same afterwards. */
    async delegationUnchanged(id: string, refuse: () => Promise<void>): Promise<void> {
      const before = await delegationState(t.svc, t.who.auditor, id);
      await refuse();
      expect(await delegationState(t.svc, t.who.auditor, id)).to.deep.equal(before);
    },
    /** Runs `refuse` and checks that no application and no agreement was created. */
    async nothingCreated(refuse: () => Promise<void>): Promise<void> {
      const count = async () => {
        const [apps, agreements] = await Promise.all([
          t.svc.request('GET', '/api/v1/applications?limit=500', { token: t.who.auditor }),
          t.svc.request('GET', '/api/v1/delegations?limit=500', { token: t.who.auditor }),
        ]);
        return [apps.body.items.length, agreements.body.items.length];
      };
      const before = await count();
      await refuse();
      expect(await count()).to.deep.equal(before);
    },
  };
}
