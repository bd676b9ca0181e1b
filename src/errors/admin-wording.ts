/**
 * Problem codes of the administrators' tools (part of the registry in problem-wording.ts): why one line of
 * `POST /admin/import` was refused, by the kind of refusal. English keeps the line's own detailed reason in
 * `detail`; these are the sentences a zh-CN administrator reads, with where in the line it happened.
 */
import type { Sentence, WordParams } from './wording-types.ts';

const s = (value: WordParams[string]) => (Array.isArray(value) ? value.join(', ') : String(value ?? ''));

/** Where in the line: the n-th event of the history (`/events/3` is the fourth), or the line itself. */
const where = (p: WordParams) => {
  const event = /^\/events\/(\d+)/.exec(s(p.pointer));
  return event ? `历史记录中的第 ${Number(event[1]) + 1} 个事件` : '该行';
};
const whereEn = (p: WordParams) => (p.pointer ? `at ${s(p.pointer)}` : 'in the line');

/** Problem codes (a refused import line's `code`). */
export const ADMIN_PROBLEMS = {
  'import-line-malformed': {
    en: (p) => `the line is not an application history (${whereEn(p)})`,
    zh: () => '该行不是有效的历史办件记录：每行须为一件办件的 JSON 对象',
  },
  'import-line-invalid': {
    en: (p) => `the content does not meet the rules ${whereEn(p)}`,
    zh: (p) => `${where(p)}的内容不符合要求，见各字段的说明`,
  },
  'import-event-not-allowed': {
    en: (p) => `an event of the history is not allowed ${whereEn(p)}`,
    zh: (p) => `${where(p)}在当时的办理状态下不被允许`,
  },
  'import-event-forbidden': {
    en: (p) => `an event of the history was sent by someone who may not send it ${whereEn(p)}`,
    zh: (p) => `${where(p)}的发出人无权办理该事项`,
  },
  'import-history-invalid': {
    en: (p) => `the history could not have happened ${whereEn(p)}`,
    zh: (p) => `${where(p)}与之前的记录不相符（时间或顺序有误）`,
  },
  'import-not-importable': {
    en: () => 'the history holds something the import does not replay',
    zh: () => '该历史办件含有无法导入的内容',
  },
  'import-unknown-workflow': {
    en: () => 'the line names a workflow this service does not run',
    zh: () => '该行所写的办理事项不存在',
  },
  'import-version-conflict': {
    en: () => 'the case changed while the line was replayed',
    zh: () => '重放该行时办件已被改动，请重新导入该行',
  },
  'import-internal-error': {
    en: () => 'an unexpected error occurred; it has been logged',
    zh: () => '导入该行时发生意外错误，已记入日志',
  },
} satisfies Record<string, Sentence>;

/** The code of a refused line, by the kind of its refusal (`import-refused` for any other kind). */
export const IMPORT_LINE_CODES: Record<string, keyof typeof ADMIN_PROBLEMS> = {
  'malformed-request': 'import-line-malformed',
  'validation-failed': 'import-line-invalid',
  'event-not-allowed': 'import-event-not-allowed',
  forbidden: 'import-event-forbidden',
  'invalid-history': 'import-history-invalid',
  'not-importable': 'import-not-importable',
  'unknown-workflow': 'import-unknown-workflow',
  'version-conflict': 'import-version-conflict',
  'internal-error': 'import-internal-error',
};
