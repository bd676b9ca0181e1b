/**
 * Problem and field codes of expert review: the roster, the investment pre-review, the draw and the sealed
 * ballots (part of the registries in problem-wording.ts and field-wording.ts), in English and Chinese.
 */
import type { Sentence, WordParams } from './wording-types.ts';

const s = (value: WordParams[string]) => (Array.isArray(value) ? value.join(', ') : String(value ?? ''));

/** Problem codes (a refusal's `code`). */
export const EXPERT_PROBLEMS = {
  'expert-no-case-events': {
    en: () =>
      'experts act on the reviews they sit on through /api/v1/investment-reviews, not through case events',
    zh: () => '评审专家请在项目预审页面办理，不能直接办理办件事项',
  },
  'experts-admin-only': {
    en: () => 'the expert roster is kept by administrators',
    zh: () => '专家库由平台管理员维护',
  },
  'experts-read-roles': {
    en: () => 'the expert roster is read by administrators and auditors; an expert reads their own entry',
    zh: () => '专家库仅供平台管理员和监督人员查看，专家只能查看本人信息',
  },
  'expert-not-found': {
    en: (p) => `no expert ${s(p.id)} on the roster`,
    zh: (p) => `专家库中没有专家 ${s(p.id)}`,
  },
  'review-not-found': {
    en: (p) => `no investment review ${s(p.id)} that you can see`,
    zh: (p) => `没有您可以查看的项目预审 ${s(p.id)}`,
  },
  'review-officer-only': {
    en: (p) => `this is for the review officer (a clerk of ${s(p.department)})`,
    zh: (p, n) => `只有预审经办人（${n.dept(s(p.department))}工作人员）可以办理`,
  },
  'review-readers-only': {
    en: () =>
      'investment reviews are read by the review officer, auditors, administrators and the seated experts',
    zh: () => '项目预审仅供预审经办人、监督人员、平台管理员和评审专家查看',
  },
  'review-member-only': {
    en: (p) => `only a seated member of the panel may ${s(p.act)}`,
    zh: () => '只有本次评审的专家组成员可以办理',
  },
  'expert-declare-first': {
    en: () => 'declare whether you have a conflict of interest before reading the dossier or voting',
    zh: () => '请先申明是否存在应回避的利害关系，再查阅材料或投票',
  },
  'expert-already-declared': {
    en: () => 'you have already declared on this review',
    zh: () => '您已就本次评审作出申明',
  },
  'ballot-already-cast': {
    en: () => 'you have already voted in this meeting',
    zh: () => '您已在本次会议中投票',
  },
  'votes-sealed': {
    en: () => 'the votes stay sealed until every present member has voted',
    zh: () => '所有到会专家投票之前，投票结果保密',
  },
  'roster-exhausted': {
    en: (p) =>
      `the roster has no more eligible experts for ${s(p.industry)}: add experts of that field, then draw again`,
    zh: () => '专家库中符合条件的专家不足，请补充该领域专家后重新抽取',
  },
  'no-objection-pending': {
    en: (p) => `no pending objection to ${s(p.expert)}`,
    zh: () => '该专家没有待处理的回避申请',
  },
  'review-figures-roles': {
    en: () => 'the pre-review figures are for auditors and administrators',
    zh: () => '项目预审统计仅供监督人员和平台管理员查看',
  },
  'batch-format': {
    en: () => 'a batch is a month written YYYY-MM',
    zh: () => '批次须为年月，格式如 2026-03',
  },
} satisfies Record<string, Sentence>;

/** Field error codes (an item of `errors`). */
export const EXPERT_FIELDS = {
  'industry-code': {
    en: () => 'must be an industry code of lower-case letters, digits and hyphens',
    zh: () => '须为行业代码（小写字母、数字和连字符）',
  },
  'pre-review-position': {
    en: () => 'must be agree, agree-with-conditions or disagree',
    zh: () => '须为同意、有条件同意或不同意',
  },
  'pre-review-conditions': {
    en: () => 'agreeing with conditions needs the conditions',
    zh: () => '有条件同意须写明条件',
  },
  'pre-review-reasons': {
    en: () => 'disagreeing needs the reasons in the comment',
    zh: () => '不同意须写明理由',
  },
  'objection-reasons': {
    en: () => 'an objection needs its reasons',
    zh: () => '申请专家回避须写明理由',
  },
  'objection-expert': {
    en: () => 'name the member objected to (data.expert)',
    zh: () => '请写明申请回避的专家',
  },
  'information-text': {
    en: () => 'say what you provide in answer to the deferral',
    zh: () => '请写明补充说明的内容',
  },
  'recusal-ground': {
    en: () => 'a declared conflict needs its ground',
    zh: () => '申明回避须写明回避事由',
  },
  'ballot-gates': {
    en: (p) => `mark every gate pass or fail: ${s(p.gates)}`,
    zh: () => '请逐项填写否决项（通过或不通过）',
  },
  'ballot-scores': {
    en: (p) => `score every criterion from 0 to 100: ${s(p.criteria)}`,
    zh: () => '请逐项评分（0 至 100 分）',
  },
  'ballot-reasons': {
    en: (p) => `a rejection names at least one reason of: ${s(p.allowed)}`,
    zh: () => '不通过须选择至少一项理由',
  },
  'ballot-conditions': {
    en: () => 'a pass with conditions needs the conditions',
    zh: () => '有条件通过须写明条件',
  },
  'ballot-failed-gate': {
    en: () => 'a failed gate cannot go with a pass: vote defer or reject',
    zh: () => '存在不通过的否决项时不能投通过票，请选择暂缓或不通过',
  },
} satisfies Record<string, Sentence>;
