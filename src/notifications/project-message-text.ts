/**
 * The Chinese text of the messages a project's task force receives (issue 16, item 3): a change of the
 * project's light and an issue escalated by a weekly dispatch. Pure functions, like message-text.ts.
 */
import { chineseDate } from '../calendar/index.ts';
import type { MessageContent, ProjectRef } from './message.ts';
import { named } from './message-text.ts';

const LIGHT_ZH: Record<string, string> = { green: '绿灯', yellow: '黄灯', red: '红灯' };

/** A project's light changed: what it was, what it is, and the reasons in words. */
export function projectLightChangedMessage(p: {
  project: ProjectRef;
  light: string;
  previous: string | null;
  reasons: string[];
  on: string;
}): MessageContent {
  const from = p.previous ? `由${LIGHT_ZH[p.previous] ?? p.previous}` : '';
  const why = p.reasons.length ? `原因：${p.reasons.join('；')}。` : '';
  const next =
    p.light === 'green' ? '项目已恢复正常推进。' : '下一步：请专班分析原因、明确措施，并在本周调度会上说明。';
  return {
    code: 'light-changed',
    params: { ...p },
    text: `${named(p.project)}截至${chineseDate(p.on)}${from}转为${LIGHT_ZH[p.light] ?? p.light}。${why}${next}`,
  };
}

/** An issue still unresolved at its second dispatch goes up to the responsible leader. */
export function projectIssueEscalatedMessage(p: {
  project: ProjectRef;
  title: string;
  owner: string;
  deadline: string;
  dispatchOn: string;
}): MessageContent {
  return {
    code: 'issue-escalated',
    params: { ...p },
    text:
      `${named(p.project)}的问题“${p.title}”（责任人：${p.owner}，完成时限：${chineseDate(p.deadline)}）` +
      `经两次周调度仍未解决，已于${chineseDate(p.dispatchOn)}提级至责任领导。下一步：请责任领导协调解决并明确办结时间。`,
  };
}
