/**
 * The key projects' rhythm reports as printable A4 documents in Chinese for the leadership (issue 16, item 7),
 * in the font every document shares (src/pdf/): a title, the day, then each section's lines.
 */
import { chineseDate, chineseDateTime } from '../calendar/index.ts';
import { workflowName } from '../notifications/names.ts';
import { openCjkDocument } from '../pdf/cjk-document.ts';
import type { Issue } from './issues-store.ts';
import { reasonZh } from './light-sweep.ts';
import type {
  biweeklyProjectFindings,
  LitProject,
  monthlyProjectBulletin,
  weeklyProjectAgenda,
} from './rhythm.ts';

type Weekly = Awaited<ReturnType<typeof weeklyProjectAgenda>>;
type Biweekly = Awaited<ReturnType<typeof biweeklyProjectFindings>>;
type Monthly = Awaited<ReturnType<typeof monthlyProjectBulletin>>;

const LIGHT_ZH = { green: '绿灯', yellow: '黄灯', red: '红灯' } as const;
const STATUS_ZH = { open: '待处理', 'in-progress': '处理中', resolved: '已解决' } as const;

/** A section: its heading and its lines (a plain sentence when empty). */
interface Section {
  heading: string;
  lines: string[];
}

const projectLine = (p: LitProject) =>
  `${p.name}（${p.projectCode}）${LIGHT_ZH[p.light]}：计划进度 ${p.plannedProgress}%，实际进度 ${p.actualProgress}%` +
  (p.reasons.length ? `；${p.reasons.map(reasonZh).join('；')}` : '');
const issueLine = (i: Issue) =>
  `${i.projectCode}：${i.title}（责任人 ${i.owner}，时限 ${i.deadline}，${STATUS_ZH[i.status]}` +
  `${i.escalatedAt ? '，已提级' : ''}）${i.measures ? `措施：${i.measures}` : ''}`;

/** The weekly dispatch agenda (一周一调度). */
export function weeklyAgendaPdf(r: Weekly, now: Date): Promise<Buffer> {
  return render('重点项目周调度议程', r.at, now, [
    { heading: '红灯项目', lines: r.red.map(projectLine) },
    { heading: '黄灯项目', lines: r.yellow.map(projectLine) },
    { heading: '逾期未解决问题', lines: r.overdueIssues.map(issueLine) },
    { heading: '已提级问题', lines: r.escalatedIssues.map(issueLine) },
    {
      heading: '本周到期审批',
      lines: r.approvalsDue.map(
        (a) =>
          `${a.overdue ? '【已超期】' : ''}${a.projectCode} ${workflowName(a.workflow)}，办结时限 ${chineseDate(a.dueAt)}，案件 ${a.id}`,
      ),
    },
  ]);
}

/** The biweekly supervision findings (半月一督查). */
export function biweeklyFindingsPdf(r: Biweekly, now: Date): Promise<Buffer> {
  return render('重点项目半月督查情况', r.at, now, [
    { heading: '红灯项目', lines: r.red.map(projectLine) },
    { heading: '黄灯项目', lines: r.yellow.map(projectLine) },
    {
      heading: `亮灯变化（${r.from} 至 ${r.at}）`,
      lines: r.lightChanges.map(
        (c) =>
          `${c.evaluatedOn} ${c.projectCode}：${c.previous ? LIGHT_ZH[c.previous] : '无'} → ${LIGHT_ZH[c.light]}` +
          (c.recovery ? '（恢复）' : ''),
      ),
    },
    { heading: '已提级问题', lines: r.escalatedIssues.map(issueLine) },
    { heading: '逾期未解决问题', lines: r.overdueIssues.map(issueLine) },
  ]);
}

/** The monthly bulletin's projects (一月一通报). */
export function monthlyBulletinPdf(r: Monthly, now: Date): Promise<Buffer> {
  const rate = r.issues.closureRate === null ? '—' : `${Math.round(r.issues.closureRate * 1000) / 10}%`;
  return render(`重点项目月度通报（${r.month}）`, r.at, now, [
    {
      heading: '亮灯情况',
      lines: [
        `绿灯 ${r.lights.green} 个，黄灯 ${r.lights.yellow} 个，红灯 ${r.lights.red} 个`,
        ...r.projects.map(projectLine),
      ],
    },
    {
      heading: '本月亮灯变化',
      lines: r.lightChanges.map(
        (c) =>
          `${c.evaluatedOn} ${c.projectCode}：${c.previous ? LIGHT_ZH[c.previous] : '无'} → ${LIGHT_ZH[c.light]}` +
          (c.recovery ? '（恢复）' : ''),
      ),
    },
    {
      heading: '问题清单办结情况',
      lines: [
        `本月新增问题 ${r.issues.raised} 个，其中已解决 ${r.issues.resolvedOfRaised} 个，办结率 ${rate}；本月共解决问题 ${r.issues.resolved} 个`,
      ],
    },
  ]);
}

async function render(title: string, at: string, now: Date, sections: Section[]): Promise<Buffer> {
  const { doc, done } = await openCjkDocument({ title: `${title} ${at}` });
  doc.font('bold').fontSize(20).text(title, { align: 'center' });
  doc.moveDown(0.3);
  doc
    .font('regular')
    .fontSize(10)
    .text(`统计日：${chineseDate(at)}　生成时间：${chineseDateTime(now)}`, { align: 'center' });
  for (const section of sections) {
    doc.moveDown(1);
    doc.font('bold').fontSize(13).text(section.heading);
    doc.moveDown(0.3);
    doc.font('regular').fontSize(10);
    if (!section.lines.length) doc.text('无。');
    section.lines.forEach((line, i) => doc.text(`${i + 1}. ${line}`));
  }
  doc.end();
  return done;
}
