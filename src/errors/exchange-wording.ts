/**
 * Problem codes of the national data exchange (part of the registry in problem-wording.ts), with their
 * English and Chinese sentences.
 */
import type { Sentence, WordParams } from './wording-types.ts';

const s = (value: WordParams[string]) => (Array.isArray(value) ? value.join(', ') : String(value ?? ''));

/** Problem codes (a refusal's `code`). */
export const EXCHANGE_PROBLEMS = {
  'exchange-role': {
    en: () => 'the exchange records are for auditors and administrators',
    zh: () => '数据共享交换记录供督查人员和平台管理员查看',
  },
  'exchange-admin-only': {
    en: () => 'the records the provincial platform refused are for administrators',
    zh: () => '省级平台退回的记录仅供平台管理员查看',
  },
  'exchange-cursor': {
    en: (p) => `since must be the cursor of an exported record (a whole number), got ${s(p.since)}`,
    zh: () => 'since 须为已导出记录的游标（整数）',
  },
  'exchange-csv-table': {
    en: () => 'CSV is written one table at a time: name the table',
    zh: () => 'CSV 按表导出，请指定表名（table）',
  },
} satisfies Record<string, Sentence>;
