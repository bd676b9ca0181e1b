/**
 * The Chinese text of each message, built from its code and plain params: every message names the project
 * and says what happens next. Dates are Shanghai dates in Chinese form, amounts in yuan to the fen. These are
 * pure functions, so that features without an event of their own (the licences) build their messages here.
 */
import { chineseDate, chineseDateTime } from '../calendar/index.ts';
import { formatYuan } from '../money/index.ts';
import type { MessageContent, ProjectRef } from './message.ts';

/** The project as a sentence names it: `「name」（code）`. */
export function named(project: ProjectRef): string {
  return project.code ? `「${project.name}」（项目代码 ${project.code}）` : `「${project.name}」`;
}

/** A material a department asks for, as the materials feature records it. */
export interface MaterialRequest {
  code: string;
  reason?: string | null;
  /** The material's Chinese name when known; the code otherwise. */
  name?: string | null;
}

/** Acceptance: the statutory limit and the date by which the case must be decided. */
export function acceptedMessage(p: {
  project: ProjectRef;
  workflowName: string;
  acceptedAt: string;
  limitWorkingDays: number | null;
  dueAt: string | null;
  pledge?: { date: string; items: string[] } | null;
}): MessageContent {
  const limit =
    p.dueAt && p.limitWorkingDays
      ? `法定办结时限为${p.limitWorkingDays}个工作日，最迟于${chineseDate(p.dueAt)}前作出决定。`
      : '';
  const pledge = p.pledge
    ? `本案为容缺受理，请于${chineseDate(p.pledge.date)}前补交：${p.pledge.items.join('、')}。`
    : '';
  return {
    code: 'accepted',
    params: { ...p },
    text:
      `${named(p.project)}的${p.workflowName}申请已于${chineseDate(p.acceptedAt)}受理。${limit}${pledge}` +
      '下一步：各部门并联审查，无需到场；如需补正材料，将另行通知。',
  };
}

/** A request for papers: the materials with their reasons, and the comment. */
export function supplementRequestedMessage(p: {
  project: ProjectRef;
  department: string;
  materials: MaterialRequest[];
  comment: string | null;
}): MessageContent {
  const list = p.materials.length
    ? `需补正的材料：${p.materials
        .map((m, i) => `${i + 1}. ${m.name ?? m.code}${m.reason ? `（${m.reason}）` : ''}`)
        .join('；')}。`
    : '';
  const comment = p.comment ? `说明：${p.comment}。` : '';
  return {
    code: 'supplement-requested',
    params: { ...p },
    text:
      `${named(p.project)}：${p.department}要求补正材料。${list}${comment}` +
      '下一步：请登录系统一次性上传补正材料并提交补正；补正期间审批时限暂停计算。',
  };
}

/** One department's approval, and who still reviews. */
export function departmentDecidedMessage(p: {
  project: ProjectRef;
  department: string;
  decidedAt: string;
  remaining: string[];
}): MessageContent {
  const next = p.remaining.length
    ? `下一步：${p.remaining.join('、')}仍在审查中。`
    : '下一步：各部门审查均已通过，费用缴清后由综合窗口出件。';
  return {
    code: 'department-decided',
    params: { ...p },
    text: `${named(p.project)}：${p.department}已于${chineseDate(p.decidedAt)}审查通过。${next}`,
  };
}

/** A department's denial, with its reasons and the remedies the law gives. */
export function deniedMessage(p: {
  project: ProjectRef;
  workflowName: string;
  department: string;
  reasons: string | null;
}): MessageContent {
  return {
    code: 'denied',
    params: { ...p },
    text:
      `${named(p.project)}的${p.workflowName}申请经${p.department}审查，决定不予许可。` +
      `理由：${p.reasons ?? '见审批决定书'}。` +
      '下一步：如对决定不服，可自知道之日起60日内申请行政复议，或6个月内提起行政诉讼。',
  };
}

/** The window's refusal at intake, with its reasons. */
export function refusedMessage(p: {
  project: ProjectRef;
  workflowName: string;
  reasons: string | null;
}): MessageContent {
  return {
    code: 'refused',
    params: { ...p },
    text:
      `${named(p.project)}的${p.workflowName}申请不予受理。理由：${p.reasons ?? '见不予受理决定书'}。` +
      '下一步：可在补齐条件后重新申请，或依法申请行政复议、提起行政诉讼。',
  };
}

/** A fee assessed: the amount and how to pay it. */
export function feeAssessedMessage(p: {
  project: ProjectRef;
  feeName: string;
  amount: number;
}): MessageContent {
  return {
    code: 'fee-assessed',
    params: { ...p },
    text:
      `${named(p.project)}已核定${p.feeName}，金额人民币${formatYuan(p.amount)}元。` +
      '缴费方式：登录系统在案件的“费用”中在线缴纳（代办人亦可代缴），缴清全部费用后方可出件。',
  };
}

/** An inspection scheduled: what, by whom, when. */
export function inspectionScheduledMessage(p: {
  project: ProjectRef;
  inspectionName: string;
  department: string;
  scheduledAt: string;
}): MessageContent {
  return {
    code: 'inspection-scheduled',
    params: { ...p },
    text:
      `${named(p.project)}的${p.inspectionName}（${p.department}）定于${chineseDateTime(p.scheduledAt)}现场查验。` +
      '下一步：请届时安排人员到场配合，并备齐相关资料。',
  };
}

/**
 * A licence issued, with the link anyone can verify it at (`${publicBaseUrl}/verify/<number>`). The licences
 * feature calls this with the licence's own fields.
 */
export function licenceIssuedMessage(p: {
  project: ProjectRef;
  licenceName: string;
  number: string;
  publicBaseUrl: string;
  startWorksBy?: string | null;
}): MessageContent {
  const url = `${p.publicBaseUrl.replace(/\/+$/, '')}/verify/${encodeURIComponent(p.number)}`;
  const next = p.startWorksBy
    ? `下一步：请于${chineseDate(p.startWorksBy)}前开工并报告开工；确需延期的，请在此前申请。`
    : '下一步：可在系统中下载电子证照。';
  return {
    code: 'licence-issued',
    params: { ...p, url },
    text:
      `${named(p.project)}的${p.licenceName}已核发，证照编号${p.number}。` +
      `电子证照与纸质证照具有同等法律效力，核验地址：${url}。${next}`,
  };
}

/** A permit that lapses in 10 days unless works start or an extension is granted. */
export function licenceLapsingMessage(p: {
  project: ProjectRef;
  licenceName: string;
  number: string;
  lapsesOn: string;
}): MessageContent {
  return {
    code: 'licence-lapsing',
    params: { ...p },
    text:
      `${named(p.project)}的${p.licenceName}（编号${p.number}）将于${chineseDate(p.lapsesOn)}失效（还有10天）。` +
      '下一步：请在此前报告开工，或申请延期，逾期证照自行废止。',
  };
}

/** Papers pledged at acceptance, due in 3 working days. */
export function pledgeDueMessage(p: {
  project: ProjectRef;
  pledgeDate: string;
  items: string[];
}): MessageContent {
  const items = p.items.length ? `（${p.items.join('、')}）` : '';
  return {
    code: 'pledge-due',
    params: { ...p },
    text:
      `${named(p.project)}容缺受理时承诺补交的材料${items}须于${chineseDate(p.pledgeDate)}前补交，还剩3个工作日。` +
      '下一步：请尽快登录系统上传；逾期未补交的，案件将中止审查。',
  };
}

/** For a department's clerks: a task due within 2 working days. */
export function taskDueMessage(p: {
  project: ProjectRef;
  department: string;
  step: string;
  dueAt: string;
  workingDaysLeft: number;
}): MessageContent {
  const left = p.workingDaysLeft === 0 ? '今日到期' : `剩余${p.workingDaysLeft}个工作日`;
  return {
    code: 'task-due',
    params: { ...p },
    text: `${p.department}：${named(p.project)}的${p.step}任务将于${chineseDate(p.dueAt)}到期（${left}）。下一步：请及时办理。`,
  };
}

/** For a department's clerks: a task past its due date. */
export function taskOverdueMessage(p: {
  project: ProjectRef;
  department: string;
  step: string;
  dueAt: string;
}): MessageContent {
  return {
    code: 'task-overdue',
    params: { ...p },
    text: `${p.department}：${named(p.project)}的${p.step}任务已于${chineseDate(p.dueAt)}到期，现已超期。下一步：请立即办理，并在督查中说明原因。`,
  };
}
