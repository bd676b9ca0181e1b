/**
 * The credit register's rule of time (docs/domain.md, "Approval on pledge"). How many months a false pledge
 * excludes is configuration (`CREDIT_FALSE_PLEDGE_MONTHS`; 广州: 6 months from publication).
 */
import { addMonths } from '../../workflows/licence.ts';

/**
 * The last day of the exclusion: the period starts the day after publication and ends on the corresponding
 * day `months` later (民法典 art. 201, 203).
 */
export function ineligibleUntil(publishedOn: string, months: number): string {
  return addMonths(publishedOn, months);
}
