/**
 * Problem and field codes of approval on pledge (告知承诺制) and the credit register (part of the registries in
 * problem-wording.ts and field-wording.ts), with their English and Chinese sentences.
 */
import type { Sentence, WordParams } from './wording-types.ts';

const s = (value: WordParams[string]) => (Array.isArray(value) ? value.join(', ') : String(value ?? ''));

// The kinds of credit record as a reader names them.
const KINDS: Record<string, { en: string; zh: string }> = {
  'serious-bad-credit': { en: 'a serious bad-credit record', zh: '严重失信记录' },
  'false-pledge': { en: 'an earlier false pledge', zh: '曾作出虚假承诺' },
};
const kind = (value: WordParams[string]) => KINDS[s(value)] ?? { en: s(value), zh: s(value) };

/** Refusals of the pledge and the register. */
export const PLEDGE_PROBLEMS = {
  'pledge-not-eligible': {
    en: (p) =>
      `the enterprise may not use approval on pledge: it has ${kind(p.kind).en}` +
      (p.until ? ` (excluded until ${s(p.until)})` : ' (excluded until its credit is repaired)'),
    zh: (p) =>
      `该企业存在${kind(p.kind).zh}，不能适用告知承诺制` +
      (p.until ? `（${s(p.until)}前不得适用）` : '（信用修复前不得适用）'),
  },
  'pledge-invalid': {
    en: () => 'the pledge cannot be accepted as filed',
    zh: () => '告知承诺填写有误，无法受理',
  },
  'credit-admin-only': {
    en: () => 'the credit register is written and decided by administrators',
    zh: () => '信用记录由平台管理员登记和处理',
  },
  'credit-readers': {
    en: () => 'the credit register is read by administrators and auditors',
    zh: () => '信用记录仅供平台管理员和督查人员查看',
  },
  'credit-repair-own-record': {
    en: () => 'an enterprise asks to repair its own records only',
    zh: () => '企业只能为本企业的信用记录申请修复',
  },
  'credit-repair-invalid': {
    en: () => 'the credit repair cannot be requested',
    zh: () => '无法申请信用修复',
  },
  'no-credit-record': {
    en: (p) => `no credit record ${s(p.id)}`,
    zh: () => '没有这条信用记录',
  },
  'no-credit-repair': {
    en: (p) => `no credit repair ${s(p.id)}`,
    zh: () => '没有这项信用修复申请',
  },
  'no-pledge-verification': {
    en: (p) => `no pledge verification ${s(p.id)}`,
    zh: () => '没有这项承诺核查',
  },
  'no-pledge-offer': {
    en: (p) => `${s(p.workflow)} offers no approval on pledge`,
    zh: () => '该事项不适用告知承诺制',
  },
} satisfies Record<string, Sentence>;

/** What is wrong with a pledge's fields. */
export const PLEDGE_FIELDS = {
  'pledge-not-offered': {
    en: (p) => `version ${s(p.version)} of this workflow offers no approval on pledge`,
    zh: () => '本事项的此版本不适用告知承诺制',
  },
  'pledge-item-not-offered': {
    en: (p) => `${s(p.item)} may not be approved on pledge (offered: ${s(p.offered)})`,
    zh: () => '该审批事项不适用告知承诺制',
  },
  'pledge-text-outdated': {
    en: (p) => `the pledge must be signed on the text in force (${s(p.textId)}, SHA-256 ${s(p.sha256)})`,
    zh: () => '所签承诺书不是现行版本，请重新阅读并签署现行承诺书',
  },
  'verification-method': {
    en: () => 'must say how the pledge was verified: in-writing, online, on-site or by-notice',
    zh: () => '须写明核查方式（书面、网络、实地或告知核查）',
  },
  'non-compliance-findings': {
    en: () => 'must say what was found that the enterprise must rectify',
    zh: () => '须写明核查发现的问题和整改要求',
  },
  'credit-record-repaired': {
    en: () => 'this record has already been repaired',
    zh: () => '该信用记录已修复',
  },
} satisfies Record<string, Sentence>;
