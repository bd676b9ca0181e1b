/**
 * The codes of field errors (`errors[]` and `warnings[]` of a problem) and their sentences. A code names the
 * rule a value breaks; its params carry the rule's figures (`{max: 200}`), never prose, so that any client can
 * word it in its own language. English reproduces what the API always said; Chinese is what the console shows.
 */
import type { Sentence, WordParams } from './wording-types.ts';
import { EXPERT_FIELDS } from './expert-wording.ts';
import { MATERIALS_FIELDS } from './materials-wording.ts';
import { PROJECT_FIELDS } from './project-wording.ts';
import { PLEDGE_FIELDS } from './pledge-wording.ts';
import { TASK_FORCE_FIELDS } from './task-force-wording.ts';
import { RATING_FIELDS } from './rating-wording.ts';
import { SCHEMA_RULES } from './rule-wording.ts';
import { SPECIAL_PROCEDURE_FIELDS } from './special-procedure-wording.ts';
import { WORK_FIELDS } from './work-wording.ts';

const s = (value: WordParams[string]) => (Array.isArray(value) ? value.join(', ') : String(value ?? ''));
const zhList = (value: WordParams[string]) => (Array.isArray(value) ? value.join('、') : String(value ?? ''));

const TYPE_EN: Record<string, string> = {
  string: 'text (a JSON string)',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list (a JSON array)',
  null: 'null',
};
const TYPE_ZH: Record<string, string> = {
  string: '文字',
  number: '数字',
  integer: '整数',
  boolean: '“是”或“否”',
  object: '一组栏目（对象）',
  array: '列表',
  null: '空值',
};
const types = (value: WordParams[string], table: Record<string, string>, or: string) =>
  (Array.isArray(value) ? value : [String(value)]).map((t) => table[t] ?? t).join(or);

/** Codes of what the validator and the routes find wrong with one value. */
const FINDINGS = {
  'material-not-in-catalog': {
    en: () => 'is not in the material catalog this case follows',
    zh: () => '不在本事项的材料清单中',
  },
  required: {
    en: (p, n) => (p.rule ? `is required and ${fieldSentence(String(p.rule), p, 'en', n)}` : 'is required'),
    zh: (p, n) => (p.rule ? `必填：${fieldSentence(String(p.rule), p, 'zh-CN', n)}` : '必填'),
  },
  'unknown-field': {
    en: () => 'is not a known field; remove it or check its spelling',
    zh: () => '不是本表的栏目，请删除或检查拼写',
  },
  'wrong-type': {
    en: (p) => `must be ${types(p.types, TYPE_EN, ' or ')}`,
    zh: (p) => `须为${types(p.types, TYPE_ZH, '或')}`,
  },
  'not-one-of': {
    en: (p) => `must be one of: ${s(p.allowed)}`,
    zh: (p) => `须为以下之一：${zhList(p.allowed)}`,
  },
  'not-equal': { en: (p) => `must be ${s(p.allowed)}`, zh: (p) => `须为 ${s(p.allowed)}` },
  'not-a-date': {
    en: () => 'must be a date in the form YYYY-MM-DD',
    zh: () => '须为日期，格式如 2026-03-01',
  },
  'not-a-date-time': {
    en: () => 'must be a date and time with offset, e.g. 2026-03-15T09:30:00+08:00',
    zh: () => '须为带时区的日期时间，如 2026-03-15T09:30:00+08:00',
  },
  'not-a-date-or-time': {
    en: () => 'must be a real date (YYYY-MM-DD) or date and time with offset, e.g. 2026-03-15T09:30:00+08:00',
    zh: () => '须为真实的日期（如 2026-03-15）或带时区的日期时间（如 2026-03-15T09:30:00+08:00）',
  },
  'not-a-real-date': {
    en: () => 'must be a real date like 2026-03-01',
    zh: () => '须为真实的日期，如 2026-03-01',
  },
  'not-an-email': { en: () => 'must be an email address', zh: () => '须为电子邮箱地址' },
  'not-a-uri': {
    en: () => 'must be an absolute URI, e.g. https://example.com/file.pdf',
    zh: () => '须为完整网址，如 https://example.com/file.pdf',
  },
  'not-a-uscc': {
    en: () =>
      'must be an 18-character unified social credit code (digits and capital letters except I, O, S, V, Z)',
    zh: () => '须为 18 位统一社会信用代码（数字和除 I、O、S、V、Z 外的大写字母）',
  },
  'bad-format': { en: (p) => `must be a valid ${s(p.format)}`, zh: (p) => `格式不正确（${s(p.format)}）` },
  'bad-pattern': {
    en: (p) => `must match the pattern ${s(p.pattern)}`,
    zh: (p) => `格式不正确（须符合 ${s(p.pattern)}）`,
  },
  empty: { en: () => 'must not be empty', zh: () => '不能为空' },
  'too-short': {
    en: (p) => `must be at least ${s(p.min)} characters long`,
    zh: (p) => `至少 ${s(p.min)} 个字符`,
  },
  'too-long': {
    en: (p) => `must be at most ${s(p.max)} characters long`,
    zh: (p) => `最多 ${s(p.max)} 个字符`,
  },
  'too-few-items': {
    en: (p) => `must have at least ${s(p.min)} entries`,
    zh: (p) => `至少 ${s(p.min)} 项`,
  },
  'too-many-items': {
    en: (p) => `must have at most ${s(p.max)} entries`,
    zh: (p) => `最多 ${s(p.max)} 项`,
  },
  'duplicate-items': {
    en: (p) =>
      `must not contain the same entry twice (entries ${s(p.first)} and ${s(p.second)}, counting from 0, are equal)`,
    zh: (p) => `不能重复（第 ${Number(p.first) + 1} 项与第 ${Number(p.second) + 1} 项相同）`,
  },
  'too-small': {
    en: (p) => `must be ${p.integer ? 'a whole number' : 'a number'} greater than or equal to ${s(p.min)}`,
    zh: (p) => `须为不小于 ${s(p.min)} 的${p.integer ? '整数' : '数字'}`,
  },
  'not-above': {
    en: (p) => `must be ${p.integer ? 'a whole number' : 'a number'} greater than ${s(p.min)}`,
    zh: (p) => `须为大于 ${s(p.min)} 的${p.integer ? '整数' : '数字'}`,
  },
  'too-large': {
    en: (p) => `must be ${p.integer ? 'a whole number' : 'a number'} less than or equal to ${s(p.max)}`,
    zh: (p) => `须为不大于 ${s(p.max)} 的${p.integer ? '整数' : '数字'}`,
  },
  'not-below': {
    en: (p) => `must be ${p.integer ? 'a whole number' : 'a number'} less than ${s(p.max)}`,
    zh: (p) => `须为小于 ${s(p.max)} 的${p.integer ? '整数' : '数字'}`,
  },
  'too-many-decimals': {
    en: (p) => `must have at most ${s(p.places)} decimal place${p.places === 1 ? '' : 's'}`,
    zh: (p) => `最多保留 ${s(p.places)} 位小数`,
  },
  'not-whole': { en: () => 'must be a whole number', zh: () => '须为整数' },
  'not-a-multiple': {
    en: (p) => `must be a multiple of ${s(p.step)}`,
    zh: (p) => `须为 ${s(p.step)} 的整数倍`,
  },
  'not-allowed': { en: () => 'is not allowed here', zh: () => '此处不允许填写' },
  invalid: { en: (p) => `is not valid (${s(p.keyword)})`, zh: () => '内容不符合要求' },
  'too-big-json': {
    en: (p) => `must be at most ${s(p.kib)} KiB as JSON`,
    zh: (p) => `内容过多（最多 ${s(p.kib)} KiB）`,
  },
  'nul-character': {
    en: () => 'must not contain a NUL character (U+0000)',
    zh: () => '不能包含空字符（U+0000）',
  },
  'lone-surrogate': {
    en: () =>
      'must be valid Unicode text: it contains a lone UTF-16 surrogate (an escape such as \\ud800 without its pair)',
    zh: () => '含有无法保存的字符（不成对的 UTF-16 代理项），请重新输入',
  },
  'name-nul-character': {
    en: () => 'has a name that must not contain a NUL character (U+0000)',
    zh: () => '栏目名称不能包含空字符（U+0000）',
  },
  'name-lone-surrogate': {
    en: () =>
      'has a name that must be valid Unicode text: it contains a lone UTF-16 surrogate (an escape such as \\ud800 without its pair)',
    zh: () => '栏目名称含有无法保存的字符（不成对的 UTF-16 代理项）',
  },
  'too-deep': {
    en: (p) => `is nested deeper than ${s(p.max)} levels; flatten the structure`,
    zh: (p) => `嵌套超过 ${s(p.max)} 层，请简化结构`,
  },
  'uscc-check-digit': {
    en: (p) => `check character does not compute (expected ${s(p.expected)}); accepted, please verify`,
    zh: (p) => `校验位不符（应为 ${s(p.expected)}）；已接受，请核对`,
  },
  'before-earliest': {
    en: (p) => `must not be before ${s(p.earliest)}`,
    zh: (p) => `不能早于 ${s(p.earliest)}`,
  },
  'in-the-future': { en: () => 'must not be in the future', zh: () => '不能晚于现在' },
  'in-the-past': { en: () => 'must not be in the past', zh: () => '不能早于今天' },
  'must-be-future': { en: () => 'must be in the future', zh: () => '须晚于现在' },
  'too-far-ahead': {
    en: (p) => `must be at most ${s(p.years)} years from now (no later than ${s(p.latest)})`,
    zh: (p) => `最多为 ${s(p.years)} 年后（不晚于 ${s(p.latest)}）`,
  },
  'extension-over-limit': {
    en: (p) => `may be at most ${s(p.max)} for this workflow`,
    zh: (p) => `本事项最多延长 ${s(p.max)} 个工作日`,
  },
  'not-a-workflow': {
    en: (p) => `${s(p.workflow)} is not a workflow of this service`,
    zh: (p, n) => `“${n.workflow(s(p.workflow))}”不是本平台的审批事项`,
  },
  'not-your-application': {
    en: (p) => `no application ${s(p.id)} of yours`,
    zh: (p) => `没有属于您的办件 ${s(p.id)}`,
  },
  'limit-range': { en: () => 'must be 1–500', zh: () => '须为 1 至 500' },
  'unknown-cursor': { en: () => 'unknown cursor', zh: () => '无法识别的翻页位置，请从第一页重新开始' },
  'findings-required': {
    en: () => 'is required when the result is fail',
    zh: () => '检查不通过时必须写明整改意见',
  },
  'fee-once-per-case': {
    en: (p) => `${s(p.fee)} is charged once per case; omit quantity`,
    zh: () => '此项费用每件只收一次，请不要填写数量',
  },
  'fee-from-floor-area': {
    en: (p) => `${s(p.fee)} is computed from the form's floor area; omit quantity`,
    zh: () => '此项费用按申请表中的建筑面积计算，请不要填写数量',
  },
  'fee-needs-floor-area': {
    en: (p) => `${s(p.fee)} needs the form's floorAreaM2, which this case lacks`,
    zh: () => '此项费用按建筑面积计算，但本件申请表未填写总建筑面积',
  },
  'fee-quantity': {
    en: () => 'give the number of extra certificates, a whole number from 1',
    zh: () => '请填写加办证书的数量（不小于 1 的整数）',
  },
  'fee-too-large': {
    en: (p) =>
      `${s(p.fee)} comes to more than a fee can hold (16 digits with 2 decimals, GB/T 39046); check the case's facts`,
    zh: () => '计算出的金额超出上限（16 位整数和 2 位小数），请核对本件的数据',
  },
  'duplicate-code': {
    en: (p) => `code ${s(p.value)} is already used at ${s(p.first)}; codes must be unique`,
    zh: (p) => `代码 ${s(p.value)} 已在 ${s(p.first)} 使用，代码不能重复`,
  },
  'no-checklist-inspections': {
    en: (p) => `${s(p.workflow)} carries out no checklist inspections`,
    zh: (p, n) => `“${n.workflow(s(p.workflow))}”不进行清单内的检查`,
  },
  'department-does-not-inspect': {
    en: (p) =>
      `${s(p.department)} does not inspect in ${s(p.workflow)}; departments there: ${s(p.departments)}`,
    zh: (p, n) =>
      `${n.dept(s(p.department))}不参加“${n.workflow(s(p.workflow))}”的检查；参加的部门：${(
        (p.departments as readonly string[] | undefined) ?? []
      )
        .map((d) => n.dept(d))
        .join('、')}`,
  },
  'claim-refused': {
    en: () => 'cannot be used in a token',
    zh: () => '不能用于登录（企业须填写有效的统一社会信用代码）',
  },
  'calendar-entry': {
    en: () => 'is not a valid holiday entry',
    zh: () => '节假日安排有误（日期须为 YYYY-MM-DD 格式的列表）',
  },
  'not-text': { en: () => 'must be text', zh: () => '须为文字' },
  'not-a-body-property': { en: () => 'is not a property of this body', zh: () => '不是本请求可以填写的栏目' },
} satisfies Record<string, Sentence>;

/** Every field error code with its sentences: the registry the tests walk. */
export const FIELD_SENTENCES: Record<string, Sentence> = {
  ...SCHEMA_RULES,
  ...FINDINGS,
  ...MATERIALS_FIELDS,
  ...RATING_FIELDS,
  ...WORK_FIELDS,
  ...PROJECT_FIELDS,
  ...SPECIAL_PROCEDURE_FIELDS,
  ...PLEDGE_FIELDS,
  ...EXPERT_FIELDS,
  ...TASK_FORCE_FIELDS,
};

/** The codes of the schemas' `x-error` rules, which a `required` error names in `params.rule`. */
export type RuleCode = keyof typeof SCHEMA_RULES | keyof typeof SPECIAL_PROCEDURE_FIELDS;

/** A field error's code. */
export type FieldCode =
  | keyof typeof SCHEMA_RULES
  | keyof typeof FINDINGS
  | keyof typeof MATERIALS_FIELDS
  | keyof typeof WORK_FIELDS
  | keyof typeof PROJECT_FIELDS
  | keyof typeof SPECIAL_PROCEDURE_FIELDS
  | keyof typeof PLEDGE_FIELDS
  | keyof typeof EXPERT_FIELDS
  | keyof typeof TASK_FORCE_FIELDS
  | keyof typeof RATING_FIELDS
  | keyof typeof WORK_FIELDS;

function fieldSentence(
  code: string,
  params: WordParams,
  lang: 'en' | 'zh-CN',
  names: Parameters<Sentence['en']>[1],
): string {
  const sentence = FIELD_SENTENCES[code];
  if (!sentence) return code;
  return lang === 'en' ? sentence.en(params, names) : sentence.zh(params, names);
}
