/**
 * The problem codes of fees, inspections and the reference data (calendar, checklist, workflows) and their
 * sentences; part of the registry of problem-wording.ts.
 */
import type { Sentence, WordParams } from './wording-types.ts';

const s = (value: WordParams[string]) => (Array.isArray(value) ? value.join(', ') : String(value ?? ''));

/** Fees, inspections and the reference data. */
export const REFERENCE_PROBLEMS = {
  'fee-not-on-checklist': {
    en: (p) =>
      `fee ${s(p.fee)} is not on checklist version ${s(p.version)}; only published fees may be charged`,
    zh: (p) => `该费用不在第 ${s(p.version)} 版收费清单内，清单外不得收费`,
  },
  'fee-not-assessable': {
    en: () => 'the fee cannot be assessed as asked',
    zh: () => '无法按所填内容核定费用',
  },
  'payment-ref-required': { en: () => 'give the payment reference', zh: () => '请填写缴款凭证号' },
  'waiver-reason-required': { en: () => 'give the reason for the waiver', zh: () => '请写明减免理由' },
  'no-fee': { en: (p) => `no fee ${s(p.fee)} on this case`, zh: (p) => `本件没有编号为 ${s(p.fee)} 的费用` },
  'fee-settled': {
    en: (p) =>
      `fee ${s(p.fee)} is already ${s(p.status)}; nothing to ${p.outcome === 'paid' ? 'pay' : 'waive'}`,
    zh: (p, n) => `该费用已是“${n.status(s(p.status))}”，无需再${p.outcome === 'paid' ? '缴纳' : '减免'}`,
  },
  'inspection-not-on-checklist': {
    en: (p) =>
      `inspection ${s(p.inspection)} is not on checklist version ${s(p.version)}; unpublished inspections may not be carried out`,
    zh: (p) => `该检查不在第 ${s(p.version)} 版清单内，清单外不得检查`,
  },
  'inspection-time-invalid': {
    en: () => 'the inspection cannot be scheduled then',
    zh: () => '不能安排在该时间检查',
  },
  'inspection-already-scheduled': {
    en: (p) => `${s(p.inspection)} is already scheduled (inspection ${s(p.id)})`,
    zh: () => '该项检查已经安排，请先记录上次检查的结果',
  },
  'no-inspection': {
    en: (p) => `no inspection ${s(p.id)} on this case`,
    zh: (p) => `本件没有编号为 ${s(p.id)} 的检查`,
  },
  'inspection-findings-required': {
    en: () => 'a failed inspection states what must be rectified',
    zh: () => '检查不通过时须写明需要整改的内容',
  },
  'inspection-recorded': {
    en: (p) => `inspection ${s(p.id)} already has its result (${s(p.status)})`,
    zh: (p, n) => `该检查已有结果（${n.status(s(p.status))}）`,
  },
  'not-a-year': { en: (p) => `${s(p.raw)} is not a year like 2027`, zh: (p) => `${s(p.raw)} 不是年份` },
  'calendar-unpublished': {
    en: (p) => `the ${s(p.year)} calendar has not been published; figures that need it are provisional`,
    zh: (p) => `${s(p.year)} 年的节假日安排尚未发布，相关日期暂按周末推算`,
  },
  'calendar-body': {
    en: () => 'send {holidays: [{name, daysOff: [dates], makeUpWorkdays: [dates]}]}',
    zh: () => '请按节假日、放假日期和调休上班日期提交',
  },
  'calendar-admin-only': {
    en: () => 'only administrators publish the calendar',
    zh: () => '只有平台管理员可以发布节假日安排',
  },
  'calendar-invalid': {
    en: (p) => `the ${s(p.year)} calendar is not valid`,
    zh: (p) => `${s(p.year)} 年的节假日安排有误，请按提示修改`,
  },
  'checklist-admin-only': {
    en: () => 'only administrators publish the checklist',
    zh: () => '只有平台管理员可以发布清单',
  },
  'checklist-invalid': {
    en: () => 'the checklist is not valid; fix the entries listed',
    zh: () => '清单有误，请按提示修改',
  },
  'no-workflow': {
    en: (p) => `no workflow ${s(p.workflow)}`,
    zh: (p, n) => `没有审批事项“${n.workflow(s(p.workflow))}”`,
  },
} satisfies Record<string, Sentence>;
