/**
 * Who runs the investment pre-review in the console: the review officer is a clerk of the department the
 * service's configuration names (`officerDepartment` in db/seeds/investment-review.ts); the service refuses
 * anyone else (403 `review-officer-only`), so this only decides which pages and buttons to offer.
 */
import type { Session } from './session.ts';

/** The department whose clerks act as review officer (the service's configuration, mirrored). */
export const REVIEW_OFFICER_DEPARTMENT = 'investment-promotion';

/** Whether the person signed in is the review officer. */
export function isReviewOfficer(session: Session): boolean {
  return session.claims.role === 'clerk' && session.claims.org === REVIEW_OFFICER_DEPARTMENT;
}

/** Whether the person may open the review pages: the officer, auditors and administrators. */
export function readsReviews(session: Session): boolean {
  return isReviewOfficer(session) || session.claims.role === 'auditor' || session.claims.role === 'admin';
}
