/**
 * The rules the schemas state for a value (`x-error` in schemas/) and their sentences; part of the registry
 * of field-wording.ts, where a `required` error names one of them in `params.rule`.
 */
import type { Sentence, WordParams } from './wording-types.ts';

const s = (value: WordParams[string]) => (Array.isArray(value) ? value.join(', ') : String(value ?? ''));

/** Rules a schema states for a value (`x-error` in schemas/), said when the value breaks any keyword there. */
export const SCHEMA_RULES = {
  'text-not-blank': {
    en: (p) => `must be 1 to ${s(p.max)} characters and not blank`,
    zh: (p) => `须为 1 至 ${s(p.max)} 个字符，不能全为空白`,
  },
  'project-code': {
    en: () =>
      'must be an investment project code in the form YYYY-RRRRRR-DD-TT-NNNNNC, e.g. 2026-360202-48-01-012345',
    zh: () => '须为投资项目代码，格式如 2026-360202-48-01-012345',
  },
  'division-code': {
    en: () => 'must be a 6-digit administrative division code, e.g. 360202',
    zh: () => '须为 6 位行政区划代码，如 360202',
  },
  'event-type-name': {
    en: () => 'must be an event type in capitals and underscores, e.g. REQUEST_SUPPLEMENT',
    zh: () => '须为大写字母和下划线组成的事件类型，如 REQUEST_SUPPLEMENT',
  },
  'date-time-offset': {
    en: (p) => `must be a date and time with offset, e.g. ${s(p.example)}`,
    zh: (p) => `须为带时区的日期时间，如 ${s(p.example)}`,
  },
  'supplement-list': {
    en: () => 'must list everything the applicant has to supply, in one go',
    zh: () => '须一次性列明申请人需要补正的全部材料',
  },
  'denial-reasons': { en: () => 'must state the reasons for the denial', zh: () => '须写明不予批准的理由' },
  'refusal-reasons': {
    en: () => 'must state the reasons for refusing the application',
    zh: () => '须写明不予受理的理由',
  },
  'extension-reason': { en: () => 'must state the reason for the extension', zh: () => '须写明延期的理由' },
  'extension-data': {
    en: (p) => `must be an object giving workingDays, the extra working days (1 to ${s(p.max)})`,
    zh: (p) => `须写明延长的工作日数（1 至 ${s(p.max)} 个）`,
  },
  'extension-days': {
    en: (p) => `must be a whole number of working days from 1 to ${s(p.max)}`,
    zh: (p) => `须为 1 至 ${s(p.max)} 之间的整数个工作日`,
  },
  'deficiency-data': {
    en: () => 'must be an object giving items (the missing papers) and pledgeDate (YYYY-MM-DD)',
    zh: () => '须列明缺少的材料和承诺补齐的日期',
  },
  'missing-paper': {
    en: () => 'must name a missing paper and not be blank',
    zh: () => '须写明所缺材料的名称，不能全为空白',
  },
  'missing-papers': {
    en: () => 'must list the missing papers, at least one',
    zh: () => '须列出所缺材料，至少一项',
  },
  'pledge-date': {
    en: () => 'must be the date (YYYY-MM-DD) by which the applicant pledges to supply the missing papers',
    zh: () => '须为申请人承诺补齐材料的日期（年-月-日）',
  },
} satisfies Record<string, Sentence>;
