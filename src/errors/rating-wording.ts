/**
 * Problem and field codes of the ratings (好差评) and their follow-ups (part of the registries in
 * problem-wording.ts and field-wording.ts), with their English and Chinese sentences.
 */
import type { Sentence, WordParams } from './wording-types.ts';

const s = (value: WordParams[string]) => (Array.isArray(value) ? value.join(', ') : String(value ?? ''));

// A rated target as a reader names it: the case as a whole, or a department's decision.
const targetEn = (value: WordParams[string]) =>
  s(value) === 'case' ? 'the case' : `the decision of ${s(value)}`;
const targetZh = (value: WordParams[string], dept: (code: string) => string) =>
  s(value) === 'case' ? '本件' : `${dept(s(value))}的审批结果`;

/** Problem codes (a refusal's `code`). */
export const RATING_PROBLEMS = {
  'rating-by-enterprise': {
    en: () => 'ratings are given by the enterprise that filed the case, or by its agent',
    zh: () => '只有办件的建设单位（或其代办员）可以评价',
  },
  'rating-no-result': {
    en: (p) => `${targetEn(p.target)} has no result to rate yet`,
    zh: (p, n) => `${targetZh(p.target, n.dept)}尚未作出，暂不能评价`,
  },
  'rating-exists': {
    en: (p) => `${targetEn(p.target)} is already rated; a rating is not changed`,
    zh: (p, n) => `已对${targetZh(p.target, n.dept)}作出评价，评价提交后不能修改`,
  },
  'rating-invalid': {
    en: () => 'the rating is not valid; fix the fields listed',
    zh: () => '评价内容有误，请按提示修改',
  },
  'no-rating-follow-up': {
    en: (p) => `no rating follow-up ${s(p.id)} that you can see`,
    zh: (p) => `没有您可以查看的差评整改件 ${s(p.id)}`,
  },
  'rating-follow-up-department': {
    en: (p) => `${s(p.event)} is for the clerks of the rated department ${s(p.department)}`,
    zh: (p, n) => `只有被评价部门（${n.dept(s(p.department))}）的工作人员可以办理此项`,
  },
  'rating-follow-up-supervisor': {
    en: (p) => `${s(p.event)} is for an administrator, who decides appeals against ratings`,
    zh: () => '差评申诉由平台管理员审核',
  },
  'rating-follow-up-rater': {
    en: () => 'only the rater rates the follow-up of their rating',
    zh: () => '只有评价人本人可以对整改情况作出评价',
  },
  'rating-follow-up-invalid': {
    en: () => 'the follow-up step is not valid; fix the fields listed',
    zh: () => '整改办理内容有误，请按提示修改',
  },
  'rating-month-invalid': {
    en: () => 'month must be a month YYYY-MM from 2000-01 on',
    zh: () => '月份格式应为“年-月”，例如 2026-03',
  },
} satisfies Record<string, Sentence>;

/** Field codes (a field error's `code`). */
export const RATING_FIELDS = {
  'rating-level': {
    en: () => 'must be a level from 1 (very satisfied) to 5 (very dissatisfied)',
    zh: () => '请选择评价等级：1 非常满意至 5 非常不满意',
  },
  'rating-channel': {
    en: () => 'must be a channel: 1 window, 2 PC, 3 mobile, 4 post',
    zh: () => '办理形式应为：1 窗口、2 电脑、3 移动端、4 快递',
  },
  'rating-department-target': {
    en: () => 'must be a department that decided on the case, or absent to rate the case as a whole',
    zh: () => '请选择已作出审批结果的部门；评价整体办件时不填',
  },
  'rating-finding': {
    en: () => 'must be the finding: justified, explained or appealed',
    zh: () => '请选择核实结果：属实、已解释说明或申诉',
  },
  'rating-month-query': {
    en: () => 'must be a month YYYY-MM from 2000-01 on',
    zh: () => '月份格式应为“年-月”，例如 2026-03',
  },
  'rating-step-comment': {
    en: () => 'is required: say what was done, or the answer, or the reason',
    zh: () => '必填：请写明整改措施、答复内容或理由',
  },
} satisfies Record<string, Sentence>;
