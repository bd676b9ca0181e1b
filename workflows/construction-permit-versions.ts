/**
 * The construction permit's versions as the registry lists them (departments, timers and acceptance are read
 * off each machine). Version 1 stays registered while any case uses it; new cases start on version 2.
 */
import {
  defineWorkflow,
  type EventPermissions,
  type WorkflowDefinition,
  type WorkflowDeps,
} from '../src/engine/workflow.ts';
import { createConstructionPermitMachine } from './construction-permit.ts';
import {
  limits,
  permitLimitWorkingDays,
  type PermitContext,
  type PermitFeatures,
} from './construction-permit-facts.ts';
import { PERMIT_PLEDGE } from './parts/pledge.ts';
import { casePermissions, feeRouteEvents } from './parts/index.ts';

/** One version: its number, the features its machine has, and the events departments send in it. */
function permitVersion(
  deps: WorkflowDeps,
  version: number,
  features: PermitFeatures,
  department: EventPermissions['department'],
): WorkflowDefinition {
  return defineWorkflow({
    id: 'construction-permit',
    version,
    title: 'Construction permit (stages 2 and 3, parallel review)',
    stages: [2, 3],
    machine: createConstructionPermitMachine(deps, features),
    ...(features.pledge ? { pledge: PERMIT_PLEDGE } : {}),
    formSchema: 'construction-permit.form',
    submitEvents: ['SUBMIT'],
    routeEvents: feeRouteEvents,
    permissions: { ...casePermissions, department },
    statutoryLimitDays: limits.case,
    maxExtensionDays: limits.maxExtension,
    limitWorkingDays: (context) => permitLimitWorkingDays(context as PermitContext),
    // Only fees hold up a permit once every department has approved.
    explainRefusal: (snapshot, event) => {
      if (event.type !== 'ISSUE' || !snapshot.matches({ accepted: 'issuing' })) return undefined;
      const { outstandingFees } = snapshot.context as PermitContext;
      return outstandingFees ? `${outstandingFees} assessed fee(s) not yet paid or waived` : undefined;
    },
  });
}

const DEPARTMENT_EVENTS = ['APPROVE', 'REQUEST_SUPPLEMENT', 'DENY'] as const;

/** Version 1: the departments' parallel review. */
export function constructionPermit(deps: WorkflowDeps): WorkflowDefinition {
  return permitVersion(deps, 1, {}, DEPARTMENT_EVENTS);
}

/**
 * Version 2: the fire department may hold an expert review of a special fire design (特别程序), and the permit
 * itself may be approved on pledge (告知承诺制, `PERMIT_PLEDGE`).
 */
export function constructionPermitV2(deps: WorkflowDeps): WorkflowDefinition {
  return permitVersion(deps, 2, { expertReview: true, pledge: true }, [
    ...DEPARTMENT_EVENTS,
    'START_EXPERT_REVIEW',
    'RECORD_EXPERT_OPINION',
  ]);
}
