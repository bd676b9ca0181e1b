/**
 * The one observer the service registers for the credit register and approval on pledge, after the licences'
 * (the issue of a pledged case needs its licence's number). Each entry goes to the module that handles it.
 */
import type { EventObserver } from '../engine/types.ts';
import {
  checkPledge,
  openVerification,
  pledgeOfCase,
  revokeOnFalsePledge,
  type PledgeDeps,
} from './pledge-observer.ts';
import { tellRectificationOrdered } from './pledge-notices.ts';
import { recordCreated, repairGranted } from './register-observer.ts';

/**
 * Writes the register's rows, ends repaired records, checks pledges at filing and follows them up: the order
 * to rectify is told to the enterprise, and the lapse of its time revokes the licence.
 */
export function creditObserver(deps: PledgeDeps): EventObserver {
  return async (store, committed) => {
    const { application: app, type } = committed;
    if (app.workflowId === 'credit-record' && type === 'CREATE') return recordCreated(store, committed);
    if (app.workflowId === 'credit-repair' && type === 'GRANT')
      return repairGranted(deps.engine, store, committed);
    if (app.workflowId === 'pledge-verification') {
      if (type === 'NON_COMPLIANT') return tellRectificationOrdered(deps, store, committed);
      if (type === 'RECTIFICATION_LAPSED') return revokeOnFalsePledge(deps, store, committed);
      return;
    }
    if (app.workflowId !== 'construction-permit') return;
    if (type === 'SUBMIT' && !committed.replayed) return checkPledge(deps, store, committed);
    const pledge = type === 'ISSUE' ? pledgeOfCase(committed) : null;
    if (pledge) await openVerification(deps, store, committed, pledge);
  };
}
