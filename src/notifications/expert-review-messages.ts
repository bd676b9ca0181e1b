/**
 * The applicant's written notices of an expert review inside an approval (特别程序): Administrative Licensing
 * Law art. 45 requires telling the applicant in writing that the time it takes is not counted, and how long it
 * may take. Pure functions, like message-text.ts.
 */
import { chineseDate } from '../calendar/index.ts';
import type { MessageContent, ProjectRef } from './message.ts';

const named = (project: ProjectRef) =>
  project.code ? `「${project.name}」（项目代码 ${project.code}）` : `「${project.name}」`;

/** A department starts an expert review: its reasons, the cap, and the day it ends at the latest. */
export function expertReviewStartedMessage(p: {
  project: ProjectRef;
  department: string;
  reason: string | null;
  capDays: number;
  endsBy: string | null;
}): MessageContent {
  const endsBy = p.endsBy ? `，最迟于${chineseDate(p.endsBy)}结束` : '';
  return {
    code: 'expert-review-started',
    params: { ...p },
    text:
      `${named(p.project)}：${p.department}决定组织专家评审（特别程序）。理由：${p.reason?.replace(/[。.]\s*$/, '') ?? '见审查意见'}。` +
      `专家评审最长${p.capDays}个工作日${endsBy}；依《中华人民共和国行政许可法》第四十五条，` +
      '专家评审所需时间不计入审批时限。下一步：无需补交材料，评审结束后将另行通知。',
  };
}

/** The experts' opinion ends the review: the clock runs again. */
export function expertReviewEndedMessage(p: {
  project: ProjectRef;
  department: string;
  endedAt: string;
  opinion: string | null;
}): MessageContent {
  const opinion = p.opinion ? `专家意见：${p.opinion}。` : '';
  return {
    code: 'expert-review-ended',
    params: { ...p },
    text:
      `${named(p.project)}：${p.department}组织的专家评审已于${chineseDate(p.endedAt)}结束。${opinion}` +
      `审批时限自即日起恢复计算。下一步：${p.department}继续审查。`,
  };
}

/** The cap is reached without an opinion: the special procedure ends and the clock runs again. */
export function expertReviewCapReachedMessage(p: {
  project: ProjectRef;
  department: string;
  endedAt: string;
  capDays: number;
}): MessageContent {
  return {
    code: 'expert-review-cap-reached',
    params: { ...p },
    text:
      `${named(p.project)}：${p.department}组织的专家评审已满${p.capDays}个工作日的上限，` +
      `特别程序于${chineseDate(p.endedAt)}结束，审批时限自即日起恢复计算。` +
      `下一步：${p.department}继续审查并依法作出决定。`,
  };
}
