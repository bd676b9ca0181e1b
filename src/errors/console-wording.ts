/**
 * The refusals of one line of the past-case import (`POST /admin/import`), so that an administrator reading
 * in Chinese is told why in Chinese; part of the registry of problem-wording.ts. The English sentences are
 * short: a line's English `detail` keeps the full particulars (which time, which timer).
 */
import type { Sentence, WordParams } from './wording-types.ts';

const s = (value: WordParams[string]) => (Array.isArray(value) ? value.join(', ') : String(value ?? ''));

/** Why an import line was refused. */
export const IMPORT_LINE_PROBLEMS = {
  'import-not-json': {
    en: () => 'the line is not valid JSON; put one application per line as a JSON object',
    zh: () => '该行不是有效的 JSON，请每行填写一件申请（一个 JSON 对象）',
  },
  'import-json-hazard': {
    en: () => 'the line holds JSON the service does not take (too deep, a lone surrogate or a NUL)',
    zh: () => '该行含有不能接受的内容（嵌套过深、孤立的代理字符或空字符）',
  },
  'import-line-shape': {
    en: () => 'the line does not have the shape of import-line',
    zh: () => '该行的字段不符合导入格式，见各字段的错误',
  },
  'import-bad-time': {
    en: (p) => `${s(p.at)} is not a valid, plausible time`,
    zh: (p) => `事件时间 ${s(p.at)} 不是有效或合理的时间`,
  },
  'import-out-of-order': {
    en: (p) =>
      `${s(p.event)} comes before the event ahead of it (${s(p.previous)}); give the events in time order`,
    zh: (p, n) => `事件须按时间先后排列：“${n.event(s(p.event))}”早于它前面的“${n.event(s(p.previous))}”`,
  },
  'import-not-importable': {
    en: (p) => `${s(p.event)} is not imported`,
    zh: (p, n) =>
      `“${n.event(s(p.event))}”不导入：导入行只含办件本身的事件（创建、草稿修改、费用和检查另有记录）`,
  },
  'import-sender-refused': {
    en: (p) => `this actor may not send ${s(p.event)}`,
    zh: (p, n) => `该事件的发送人无权发送“${n.event(s(p.event))}”（导入按实际办理时的权限检查）`,
  },
  'import-timer-not-due': {
    en: (p) => `${s(p.event)} is sent by a timer that is not due`,
    zh: (p, n) => `“${n.event(s(p.event))}”只能由到期的计时器发出，此时计时器尚未到期或不存在`,
  },
  'import-timer-missed': {
    en: (p) => `the ${s(p.event)} timer was due at ${s(p.dueAt)} and fires first`,
    zh: (p, n) => `“${n.event(s(p.event))}”计时器已于 ${s(p.dueAt)} 到期并应先触发，历史中须包含该事件`,
  },
} satisfies Record<string, Sentence>;
