/**
 * What the investor is told of its pre-review, in Chinese: the decision with its conditions or reasons, and a
 * deferral with what to do and by when. Pure builders over plain params, stored by the review observer.
 */
import { chineseDate } from '../calendar/index.ts';
import type { MessageContent, ProjectRef } from '../notifications/message.ts';

const REASONS_ZH: Record<string, string> = {
  'industrial-policy': '不符合产业政策',
  'investment-intensity': '投资强度不足',
  'tax-yield': '亩均税收不足',
  'land-use': '用地不符合规划或集约要求',
  environment: '环境影响不符合要求',
  technology: '技术水平不足',
  other: '其他原因',
};

const named = (project: ProjectRef) =>
  project.code ? `「${project.name}」（项目代码 ${project.code}）` : `「${project.name}」`;

/** The panel's decision: passed, passed with conditions, or rejected. */
export function reviewDecidedMessage(p: {
  project: ProjectRef;
  outcome: 'passed' | 'passed-with-conditions' | 'rejected';
  conditions: string[];
  reasons: string[];
}): MessageContent {
  const head = `${named(p.project)}的项目预审已由专家组评审。`;
  const text =
    p.outcome === 'passed'
      ? `${head}结论：通过。下一步：请按预审意见办理立项和用地手续。`
      : p.outcome === 'passed-with-conditions'
        ? `${head}结论：有条件通过。条件：${p.conditions.join('；') || '见评审意见'}。下一步：请在后续审批中逐项落实上述条件。`
        : `${head}结论：不通过。理由：${p.reasons.map((r) => REASONS_ZH[r] ?? r).join('、') || '见评审意见'}。下一步：如有异议，可向招商部门咨询，调整方案后可再次申报。`;
  return { code: 'review-decided', params: { ...p }, text };
}

/** The panel deferred the proposal: the investor answers by the date, or the proposal lapses. */
export function reviewDeferredMessage(p: { project: ProjectRef; dueAt: string | null }): MessageContent {
  const by = p.dueAt ? `请于${chineseDate(p.dueAt)}前` : '请尽快';
  return {
    code: 'review-deferred',
    params: { ...p },
    text: `${named(p.project)}的项目预审经专家组评审决定暂缓，需补充说明。下一步：${by}在项目预审中提交补充说明，逾期未提交的，本次申报终止。`,
  };
}
