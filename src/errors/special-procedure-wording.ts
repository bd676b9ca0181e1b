/**
 * Field codes of special procedures (特别程序: an expert review inside a department's review; part of the
 * registry in field-wording.ts), with their English and Chinese sentences. Administrative Licensing Law art. 45
 * requires telling the applicant in writing, hence the reasons and the opinion are required.
 */
import type { Sentence } from './wording-types.ts';

/** What the bodies of the expert review's events must carry (schemas/event-content.json). */
export const SPECIAL_PROCEDURE_FIELDS = {
  'expert-review-reason': {
    en: () => 'must state why the part goes to an expert review: the applicant is told in writing',
    zh: () => '须写明组织专家评审的理由（将书面告知申请人）',
  },
  'expert-opinion': {
    en: () => "must state the experts' opinion",
    zh: () => '须填写专家评审意见',
  },
} satisfies Record<string, Sentence>;
